import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgSequence, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt } from "./columns";

/**
 * Stream positions (E5). Only the relay (lib/realtime/relay.ts) draws from it, one relay at a time, so
 * positions are handed out in the order events became visible — unlike `id`, which is allocated at
 * INSERT and commits out of order.
 */
export const eventsSeq = pgSequence("events_seq");

/**
 * Retention watermark: every position up to this value may have been pruned. A register rather than
 * "the oldest retained seq", because positions have gaps (an aborted relay consumes values), so the
 * oldest row alone cannot tell a pruned stretch from a gap.
 */
export const eventsPrunedThrough = pgSequence("events_pruned_through", { minValue: 0, startWith: 0 });

/**
 * The realtime outbox (SPEC §7, E2): written in the same transaction as the change it describes,
 * delivered after commit. `seq` is the SSE event id clients resume from (E5): NULL until the relay
 * positions the row, after which it never changes.
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
    /** The one agent who hears this event (notification.created, NT2); null = the inbox/account audience of E3. */
    userId: integer(),
    /**
     * What wrote the event: null for requests, "automation" for automation rules' actions, which set
     * `parley.event_origin` for their transaction — so a rule's own changes never trigger rules (MA5).
     */
    origin: text().default(sql`nullif(current_setting('parley.event_origin', true), '')`),
    createdAt: createdAt(),
    seq: bigint({ mode: "number" }),
  },
  (t) => [
    index("events_account_id_idx").on(t.accountId, t.id),
    index("events_created_at_idx").on(t.createdAt),
    uniqueIndex("events_seq_key").on(t.seq),
    // The relay's work queue: rows not yet positioned, oldest id first.
    index("events_unrelayed_idx")
      .on(t.id)
      .where(sql`${t.seq} IS NULL`),
    // Replay filters (E3 in SQL over seq > N): an agent's accounts, a contact's contact_inboxes.
    index("events_account_seq_idx").on(t.accountId, t.seq),
    index("events_contact_inbox_seq_idx").on(t.contactInboxId, t.seq),
  ],
);
export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;
