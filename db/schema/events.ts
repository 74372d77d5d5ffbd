import { bigint, boolean, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt } from "./columns";

/**
 * The realtime outbox (SPEC §7, E2): written in the same transaction as the change it describes,
 * delivered after commit; the id is the SSE event id clients resume from (E5).
 */
export const events = pgTable(
  "events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    type: text().notNull(),
    inboxId: integer(),
    conversationId: integer(),
    contactInboxId: integer(),
    /** Agents only: private notes, activity messages, private typing (E3). */
    private: boolean().notNull().default(false),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("events_account_id_idx").on(t.accountId, t.id), index("events_created_at_idx").on(t.createdAt)],
);
export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;
