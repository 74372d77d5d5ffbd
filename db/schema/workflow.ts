import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { createdAt, id, tstz, updatedAt } from "./columns";
import { conversations } from "./conversations";

/**
 * An agent's notification (Chatwoot's Notification, NT1): the conversation it is about (primary actor),
 * who or what caused it (secondary actor: the mentioning message, the assigning user), read or not.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** conversation_assignment | conversation_mention | assigned_conversation_new_message (Chatwoot's names). */
    notificationType: text().notNull(),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** The message (mention, new message) or user (assignment) that caused it. */
    secondaryActorType: text(),
    secondaryActorId: integer(),
    /** The outbox event it came from: one notification per recipient and event, whoever processes it. */
    sourceEventId: bigint({ mode: "number" }).notNull(),
    readAt: tstz(),
    createdAt: createdAt(),
    lastActivityAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_account_idx").on(t.userId, t.accountId, t.lastActivityAt.desc(), t.id.desc()),
    index("notifications_unread_idx")
      .on(t.userId, t.accountId)
      .where(sql`${t.readAt} IS NULL`),
    uniqueIndex("notifications_event_user_type_key").on(t.sourceEventId, t.userId, t.notificationType),
  ],
);
export type Notification = typeof notifications.$inferSelect;

/** Per agent and account: which notification types are delivered (Chatwoot's NotificationSetting flags). */
export const notificationSettings = pgTable(
  "notification_settings",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    emailFlags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    pushFlags: text().array().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("notification_settings_account_user_key").on(t.accountId, t.userId)],
);
export type NotificationSettingRow = typeof notificationSettings.$inferSelect;

export type WorkflowAction = { action_name: string; action_params: unknown[] };
export type WorkflowCondition = { attribute_key: string; filter_operator: string; values: unknown[]; query_operator?: string | null; custom_attribute_type?: string };

/** Chatwoot's Macro: named actions an agent runs on conversations; `personal` belongs to its creator (MA1). */
export const macros = pgTable(
  "macros",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** personal | global (Chatwoot's visibility names). */
    visibility: text().notNull().default("personal"),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    updatedById: integer().references(() => users.id, { onDelete: "set null" }),
    actions: jsonb().$type<WorkflowAction[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("macros_account_idx").on(t.accountId, t.id)],
);
export type Macro = typeof macros.$inferSelect;

/** Chatwoot's AutomationRule (MA3). */
export const automationRules = pgTable(
  "automation_rules",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    eventName: text().notNull(),
    conditions: jsonb().$type<WorkflowCondition[]>().notNull(),
    actions: jsonb().$type<WorkflowAction[]>().notNull(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("automation_rules_account_event_idx").on(t.accountId, t.eventName)],
);
export type AutomationRule = typeof automationRules.$inferSelect;

/**
 * Outbox events the workflow processor has taken (MA4): inserting the event id is the claim, so one
 * event is processed once however many instances read it.
 */
export const workflowEventClaims = pgTable("workflow_event_claims", {
  eventId: bigint({ mode: "number" }).primaryKey(),
  claimedAt: createdAt(),
});
