import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["administrator", "agent"]);
export const availabilityEnum = pgEnum("availability", ["online", "busy", "offline"]);
export const channelTypeEnum = pgEnum("channel_type", ["web_widget", "api"]);
export const replyTimeEnum = pgEnum("reply_time", ["in_a_few_minutes", "in_a_few_hours", "in_a_day"]);
export const contactTypeEnum = pgEnum("contact_type", ["visitor", "lead", "customer"]);
export const conversationStatusEnum = pgEnum("conversation_status", ["open", "pending", "resolved", "snoozed"]);
export const priorityEnum = pgEnum("priority", ["low", "medium", "high", "urgent"]);
export const messageTypeEnum = pgEnum("message_type", ["incoming", "outgoing", "activity", "template"]);
export const messageStatusEnum = pgEnum("message_status", ["sent", "delivered", "read", "failed"]);
export const senderTypeEnum = pgEnum("sender_type", ["contact", "user", "agent_bot"]);
export const fileTypeEnum = pgEnum("file_type", ["image", "audio", "video", "file"]);
export const contentTypeEnum = pgEnum("content_type", [
  "text",
  "input_text",
  "input_textarea",
  "input_email",
  "input_select",
  "cards",
  "form",
  "article",
  "incoming_email",
  "input_csat",
  "integrations",
  "sticker",
]);

export type Role = (typeof roleEnum.enumValues)[number];
export type Availability = (typeof availabilityEnum.enumValues)[number];
export type ConversationStatus = (typeof conversationStatusEnum.enumValues)[number];
export type Priority = (typeof priorityEnum.enumValues)[number];
export type MessageType = (typeof messageTypeEnum.enumValues)[number];
export type MessageStatus = (typeof messageStatusEnum.enumValues)[number];
export type ContentType = (typeof contentTypeEnum.enumValues)[number];
export type ContactType = (typeof contactTypeEnum.enumValues)[number];
export type ReplyTime = (typeof replyTimeEnum.enumValues)[number];
