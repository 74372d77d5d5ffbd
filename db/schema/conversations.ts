import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { createdAt, id, tstz, updatedAt } from "./columns";
import { contactInboxes, contacts } from "./contacts";
import { conversationStatusEnum, priorityEnum } from "./enums";
import { inboxes } from "./inboxes";
import { teams } from "./teams";

export const conversations = pgTable(
  "conversations",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: integer()
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    contactId: integer()
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    contactInboxId: integer().references(() => contactInboxes.id, { onDelete: "set null" }),
    /**
     * Per-account number shown to people (1, 2, 3 …). Assigned by a trigger from a per-account
     * sequence (migration 0001), so concurrent inserts never collide; the default only satisfies NOT NULL.
     */
    displayId: integer().notNull().default(0),
    uuid: uuid().notNull().defaultRandom(),
    status: conversationStatusEnum().notNull().default("open"),
    priority: priorityEnum(),
    assigneeId: integer().references(() => users.id, { onDelete: "set null" }),
    assigneeAssignedAt: tstz(),
    teamId: integer().references(() => teams.id, { onDelete: "set null" }),
    waitingSince: tstz(),
    firstReplyCreatedAt: tstz(),
    lastActivityAt: tstz().notNull().defaultNow(),
    contactLastSeenAt: tstz(),
    agentLastSeenAt: tstz(),
    assigneeLastSeenAt: tstz(),
    snoozedUntil: tstz(),
    identifier: text(),
    additionalAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    customAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    labels: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("conversations_account_display_id_key").on(t.accountId, t.displayId),
    uniqueIndex("conversations_uuid_key").on(t.uuid),
    index("conversations_account_inbox_status_assignee_idx").on(t.accountId, t.inboxId, t.status, t.assigneeId),
    index("conversations_status_priority_idx").on(t.status, t.priority),
    // The list's ORDER BY is `last_activity_at DESC, id DESC` (NULLS FIRST implied); an index built
    // NULLS LAST does not serve it and every page sorted the whole account (SPEC B3, bench:list).
    index("conversations_account_last_activity_idx").on(t.accountId, t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_account_status_last_activity_idx").on(t.accountId, t.status, t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_account_status_assignee_idx").on(t.accountId, t.status, t.assigneeId),
    // The list filtered by team (WF filters, sidebar team views), in its order; status and assignee
    // trail the key so a team view's counts (by status, mine / unassigned) are an index-only scan.
    index("conversations_account_team_last_activity_idx").on(t.accountId, t.teamId, t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst(), t.status, t.assigneeId),
    // labels[]= and the filter's labels condition: array containment.
    index("conversations_labels_gin_idx").using("gin", t.labels),
    index("conversations_waiting_since_idx").on(t.waitingSince),
    index("conversations_first_reply_created_at_idx").on(t.firstReplyCreatedAt),
    // Reports count conversations created in a range (lib/reports): an index-only scan.
    index("conversations_account_created_idx").on(t.accountId, t.createdAt, t.inboxId, t.assigneeId),
    index("conversations_contact_idx").on(t.contactId),
    index("conversations_contact_inbox_idx").on(t.contactInboxId),
    index("conversations_assignee_idx").on(t.assigneeId),
    index("conversations_snoozed_until_idx")
      .on(t.snoozedUntil)
      .where(sql`${t.status} = 'snoozed'`),
  ],
);
export type Conversation = typeof conversations.$inferSelect;
export type NewConversation = typeof conversations.$inferInsert;
