import { sql } from "drizzle-orm";
import { bigint, check, date, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { contacts } from "./contacts";
import { createdAt, id, tstz, updatedAt } from "./columns";
import { conversations } from "./conversations";
import { inboxes } from "./inboxes";
import { messages } from "./messages";

export const REPORTING_EVENT_NAMES = ["first_response", "reply_time", "conversation_resolved", "conversation_opened", "conversation_bot_handoff"] as const;
export type ReportingEventName = (typeof REPORTING_EVENT_NAMES)[number];

/**
 * Measurable moments of a conversation (Chatwoot's `reporting_events`), written in the transaction of
 * the change that causes them (lib/reports/record-events.ts). `value` is the elapsed seconds between
 * `event_start_time` and `event_end_time`; `value_in_business_hours` the part of it inside the inbox's
 * working hours, on the inbox's clock. Reports bucket by `event_end_time` (docs/reports.md).
 */
export const reportingEvents = pgTable(
  "reporting_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().$type<ReportingEventName>().notNull(),
    value: doublePrecision().notNull(),
    valueInBusinessHours: doublePrecision().notNull(),
    inboxId: integer().references(() => inboxes.id, { onDelete: "cascade" }),
    /** Who answered (first_response, reply_time) or the assignee (conversation_resolved / _opened). */
    userId: integer(),
    conversationId: integer().references(() => conversations.id, { onDelete: "cascade" }),
    eventStartTime: tstz().notNull(),
    eventEndTime: tstz().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("reporting_events_name", sql`${t.name} in ('first_response', 'reply_time', 'conversation_resolved', 'conversation_opened', 'conversation_bot_handoff')`),
    // Every report reads one event name over a time range of one account; the trailing columns make
    // averages and per-entity tables index-only scans (SPEC-style budget: docs/benchmarks.md, reports).
    index("reporting_events_account_name_end_idx").on(t.accountId, t.name, t.eventEndTime, t.value, t.valueInBusinessHours, t.inboxId, t.userId, t.conversationId),
    index("reporting_events_conversation_idx").on(t.conversationId, t.name, t.eventEndTime),
    // At most one first response per conversation, whatever races (the row lock already serialises).
    uniqueIndex("reporting_events_first_response_key")
      .on(t.conversationId)
      .where(sql`${t.name} = 'first_response'`),
  ],
);
export type ReportingEvent = typeof reportingEvents.$inferSelect;
export type NewReportingEvent = typeof reportingEvents.$inferInsert;

/**
 * Message counts per 15 minutes (every UTC offset is a multiple of 15 minutes, so a day in any zone
 * is a whole number of buckets) and inbox. Rows with `sender_id` 0 count every incoming and outgoing
 * message; rows with a user's id count that user's outgoing messages again (an agent's figures), so
 * an account or inbox report reads only the sender-0 rows and an agent report only theirs. Folded
 * from `messages` by the maintenance sweep up to `report_rollup_state.rolled_through`; reports add
 * the raw messages after that point (lib/reports/message-rollup.ts).
 */
export const reportMessageRollups = pgTable(
  "report_message_rollups",
  {
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    bucketStart: tstz().notNull(),
    inboxId: integer().notNull(),
    senderId: integer().notNull(),
    incoming: integer().notNull().default(0),
    outgoing: integer().notNull().default(0),
  },
  (t) => [primaryKey({ name: "report_message_rollups_pkey", columns: [t.accountId, t.senderId, t.bucketStart, t.inboxId] })],
);

/**
 * Reporting events summed per UTC day, event name, inbox and user (0 for none): what a summary over
 * whole days reads instead of every event (lib/reports/event-rollup.ts). Folded by the maintenance
 * sweep up to `report_rollup_state.events_rolled_through` (a UTC midnight); an event written later
 * for a day already folded (the backfill, a deleted conversation) is added or taken away by the
 * trigger `reporting_events_rollup_late` (migration 0016). No foreign key: rows of a deleted account
 * are inert, and a cascade must not race the trigger.
 */
export const reportEventRollups = pgTable(
  "report_event_rollups",
  {
    accountId: integer().notNull(),
    day: date().notNull(),
    name: text().notNull(),
    inboxId: integer().notNull(),
    userId: integer().notNull(),
    n: integer().notNull(),
    sumValue: doublePrecision().notNull(),
    sumBusinessHours: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ name: "report_event_rollups_pkey", columns: [t.accountId, t.day, t.name, t.inboxId, t.userId] })],
);

/** One row: the instants up to which `report_message_rollups` holds every message and `report_event_rollups` every event. */
export const reportRollupState = pgTable(
  "report_rollup_state",
  {
    id: smallint().primaryKey().default(1),
    rolledThrough: tstz().notNull(),
    eventsRolledThrough: tstz()
      .notNull()
      .default(sql`'epoch'`),
  },
  (t) => [check("report_rollup_state_single_row", sql`${t.id} = 1`)],
);

/** A visitor's answer to the rating message (CSAT): one per conversation, changeable for 14 days. */
export const csatSurveyResponses = pgTable(
  "csat_survey_responses",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    messageId: integer()
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    contactId: integer()
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** The conversation's assignee when the survey was answered. */
    assignedAgentId: integer(),
    rating: smallint().notNull(),
    feedbackMessage: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("csat_survey_responses_conversation_key").on(t.conversationId),
    index("csat_survey_responses_account_created_idx").on(t.accountId, t.createdAt),
    check("csat_survey_responses_rating_range", sql`${t.rating} between 1 and 5`),
  ],
);
export type CsatSurveyResponse = typeof csatSurveyResponses.$inferSelect;
