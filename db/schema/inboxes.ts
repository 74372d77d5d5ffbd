import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { agentBots } from "./agent-bots";
import { createdAt, id, updatedAt } from "./columns";
import { channelTypeEnum, replyTimeEnum } from "./enums";

export type AutoAssignmentConfig = {
  mode: "round_robin" | "balanced";
  max_assignment_limit?: number | null;
  fair_distribution_limit: number;
  fair_distribution_window_s: number;
};

export const defaultAutoAssignmentConfig: AutoAssignmentConfig = {
  mode: "round_robin",
  fair_distribution_limit: 100,
  fair_distribution_window_s: 3600,
};

export const inboxes = pgTable(
  "inboxes",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    channelType: channelTypeEnum().notNull().default("web_widget"),
    enableAutoAssignment: boolean().notNull().default(true),
    autoAssignmentConfig: jsonb().$type<AutoAssignmentConfig>().notNull().default(defaultAutoAssignmentConfig),
    greetingEnabled: boolean().notNull().default(false),
    greetingMessage: text(),
    workingHoursEnabled: boolean().notNull().default(false),
    /** IANA time zone, validated on write. */
    timezone: text().notNull().default("UTC"),
    outOfOfficeMessage: text(),
    enableEmailCollect: boolean().notNull().default(true),
    lockToSingleConversation: boolean().notNull().default(false),
    allowMessagesAfterResolved: boolean().notNull().default(true),
    /** CSAT: a rating message is sent when a conversation with a visitor is resolved. */
    csatSurveyEnabled: boolean().notNull().default(false),
    /** AB2: the agent bot attached to this inbox (Chatwoot's agent_bot_inboxes, one bot per inbox). */
    agentBotId: integer().references(() => agentBots.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("inboxes_account_idx").on(t.accountId)],
);
export type Inbox = typeof inboxes.$inferSelect;
export type NewInbox = typeof inboxes.$inferInsert;

export type PreChatField = {
  name: string;
  label: string;
  type: "text" | "email" | "phone" | "textarea";
  required: boolean;
  enabled: boolean;
};
export type PreChatFormOptions = { pre_chat_message?: string; pre_chat_fields: PreChatField[] };

/** The web-widget channel settings of an inbox (1:1). */
export const webWidgets = pgTable(
  "web_widgets",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: integer()
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    websiteUrl: text(),
    websiteToken: text().notNull(),
    widgetColor: text().notNull().default("#1f93ff"),
    welcomeTitle: text(),
    welcomeTagline: text(),
    replyTime: replyTimeEnum().notNull().default("in_a_few_minutes"),
    featureAttachments: boolean().notNull().default(true),
    featureEmojiPicker: boolean().notNull().default(true),
    featureEndConversation: boolean().notNull().default(true),
    /** Secret for identity verification (HMAC-SHA256 of the identifier). */
    hmacToken: text().notNull(),
    hmacMandatory: boolean().notNull().default(false),
    /** Comma- or newline-separated origins allowed to frame the widget; empty = any. */
    allowedDomains: text().notNull().default(""),
    preChatFormEnabled: boolean().notNull().default(false),
    preChatFormOptions: jsonb().$type<PreChatFormOptions>().notNull().default({ pre_chat_fields: [] }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("web_widgets_inbox_key").on(t.inboxId),
    uniqueIndex("web_widgets_website_token_key").on(t.websiteToken),
    uniqueIndex("web_widgets_hmac_token_key").on(t.hmacToken),
    check("web_widgets_color_hex", sql`${t.widgetColor} ~ '^#[0-9a-fA-F]{6}$'`),
  ],
);
export type WebWidget = typeof webWidgets.$inferSelect;

/**
 * An API-channel inbox's own settings (AP1, 1:1; Chatwoot's Channel::Api): where its events are
 * POSTed and the secret that signs them (AP2). Its public identifier and identity-verification
 * secret live in its `web_widgets` row like a website inbox's, so the Client API serves both alike.
 */
export const apiChannels = pgTable(
  "api_channels",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: integer()
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    webhookUrl: text(),
    secret: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("api_channels_inbox_key").on(t.inboxId)],
);
export type ApiChannel = typeof apiChannels.$inferSelect;

/** Seven rows per inbox; day_of_week 0 = Sunday, as Chatwoot counts. */
export const workingHours = pgTable(
  "working_hours",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: integer()
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    dayOfWeek: smallint().notNull(),
    closedAllDay: boolean().notNull().default(false),
    openAllDay: boolean().notNull().default(false),
    openHour: smallint(),
    openMinutes: smallint(),
    closeHour: smallint(),
    closeMinutes: smallint(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("working_hours_inbox_day_key").on(t.inboxId, t.dayOfWeek),
    check("working_hours_day_range", sql`${t.dayOfWeek} between 0 and 6`),
    check("working_hours_open_before_close", sql`${t.closedAllDay} or ${t.openAllDay} or (${t.openHour} * 60 + ${t.openMinutes} < ${t.closeHour} * 60 + ${t.closeMinutes})`),
  ],
);
export type WorkingHour = typeof workingHours.$inferSelect;

export const inboxMembers = pgTable(
  "inbox_members",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: integer()
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("inbox_members_inbox_user_key").on(t.inboxId, t.userId), index("inbox_members_user_idx").on(t.userId)],
);
export type InboxMember = typeof inboxMembers.$inferSelect;
