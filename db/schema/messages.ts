import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";
import { conversations } from "./conversations";
import { contentTypeEnum, fileTypeEnum, messageStatusEnum, messageTypeEnum, senderTypeEnum } from "./enums";
import { inboxes } from "./inboxes";

/** Limits of M1, also enforced by the database as a last line of defence. */
export const MESSAGE_CONTENT_MAX = 150_000;
export const MESSAGE_SOURCE_ID_MAX = 20_000;
export const MESSAGE_ATTACHMENTS_MAX = 15;

export type MessageContentAttributes = {
  in_reply_to?: number | null;
  in_reply_to_external_id?: string | null;
  deleted?: boolean;
  automation_rule_id?: number;
  submitted_email?: string;
  [key: string]: unknown;
};

export const messages = pgTable(
  "messages",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: integer()
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    content: text(),
    processedMessageContent: text(),
    messageType: messageTypeEnum().notNull(),
    contentType: contentTypeEnum().notNull().default("text"),
    status: messageStatusEnum().notNull().default("sent"),
    private: boolean().notNull().default(false),
    senderType: senderTypeEnum(),
    senderId: integer(),
    contentAttributes: jsonb().$type<MessageContentAttributes>().notNull().default({}),
    additionalAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    externalSourceIds: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    sourceId: text(),
    /** Client idempotency key (M6): a retry with the same echo_id returns the stored message. */
    echoId: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("messages_conversation_created_idx").on(t.conversationId, t.createdAt),
    index("messages_conversation_type_created_idx").on(t.conversationId, t.messageType, t.createdAt),
    index("messages_conversation_id_idx").on(t.conversationId, t.id),
    // Search walks an account's messages newest first and stops at a page (docs/search.md); the
    // full-text column and its GIN index are hand-written in migration 0007, outside this schema.
    index("messages_account_created_idx").on(t.accountId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("messages_source_id_idx").on(t.sourceId),
    // Reports read messages after the rollup's watermark by time (lib/reports/message-rollup.ts). BRIN:
    // created_at follows insertion order, and a BRIN index costs the message path next to nothing (B2).
    index("messages_created_at_brin_idx").using("brin", t.createdAt),
    uniqueIndex("messages_conversation_echo_id_key")
      .on(t.conversationId, t.echoId)
      .where(sql`${t.echoId} is not null`),
    check("messages_content_length", sql`char_length(${t.content}) <= ${sql.raw(String(MESSAGE_CONTENT_MAX))}`),
    check("messages_source_id_length", sql`char_length(${t.sourceId}) <= ${sql.raw(String(MESSAGE_SOURCE_ID_MAX))}`),
  ],
);
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

export const attachments = pgTable(
  "attachments",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    messageId: integer()
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    fileType: fileTypeEnum().notNull().default("file"),
    fileName: text().notNull(),
    fileSize: integer().notNull(),
    contentType: text().notNull(),
    storageKey: text().notNull(),
    width: integer(),
    height: integer(),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_message_idx").on(t.messageId)],
);
export type Attachment = typeof attachments.$inferSelect;
