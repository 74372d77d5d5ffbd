import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  attachments,
  conversations,
  messages,
  type Attachment,
  type ContentType,
  type Conversation,
  type Message,
  type MessageContentAttributes,
  type MessageStatus,
  type MessageType,
  type NewMessage,
} from "@/db/schema";
import { loadMessagePush, type MessagePush } from "@/lib/presenters/message-push";
import { appendEvent } from "@/lib/realtime/append-event";
import type { AttachmentInput } from "./message-input";

export type MessageSender = { type: "user" | "contact" | "agent_bot"; id: number } | null;

export type InsertMessageInput = {
  messageType: MessageType;
  content: string | null;
  contentType?: ContentType;
  private?: boolean;
  status?: MessageStatus;
  sender?: MessageSender;
  contentAttributes?: MessageContentAttributes;
  additionalAttributes?: Record<string, unknown>;
  sourceId?: string | null;
  echoId?: string | null;
  attachments?: AttachmentInput[];
  createdAt: Date;
};

/**
 * Writes one message with its attachments, moves the conversation's last_activity_at to it (M4)
 * and emits `message.created` (private for notes and activity, E3). No rules: callers hold the
 * conversation row lock and decide what may be written.
 */
export async function insertMessage(tx: Db, conversation: Conversation, m: InsertMessageInput): Promise<Message> {
  return (await insertMessageWithPush(tx, conversation, m)).message;
}

/** What insertMessage wrote, with the `message.created` payload and the attachment rows (so a caller can answer without reading them again). */
export type InsertedMessage = { message: Message; push: MessagePush; attachments: Attachment[] };

/** insertMessage, also returning the event's payload and the attachments as stored. */
export async function insertMessageWithPush(tx: Db, conversation: Conversation, m: InsertMessageInput): Promise<InsertedMessage> {
  const values: NewMessage = {
    accountId: conversation.accountId,
    inboxId: conversation.inboxId,
    conversationId: conversation.id,
    messageType: m.messageType,
    content: m.content,
    // Chatwoot fills it with the content (an email's quoted text aside, which Parley does not receive).
    processedMessageContent: m.content,
    contentType: m.contentType ?? "text",
    status: m.status ?? "sent",
    private: m.private ?? false,
    senderType: m.sender?.type ?? null,
    senderId: m.sender?.id ?? null,
    contentAttributes: m.contentAttributes ?? {},
    additionalAttributes: m.additionalAttributes ?? {},
    sourceId: m.sourceId ?? null,
    echoId: m.echoId ?? null,
    createdAt: m.createdAt,
    updatedAt: m.createdAt,
  };
  const [message] = await tx.insert(messages).values(values).returning();
  // The message is new, so these are all its attachments (in id order, as the presenters read them).
  const stored = m.attachments?.length
    ? (
        await tx
          .insert(attachments)
          .values(m.attachments.map((a) => ({ ...a, accountId: conversation.accountId, messageId: message!.id })))
          .returning()
      ).sort((a, b) => a.id - b.id)
    : [];
  await tx.update(conversations).set({ lastActivityAt: m.createdAt }).where(eq(conversations.id, conversation.id));
  conversation.lastActivityAt = m.createdAt;
  const push = await loadMessagePush(tx, message!, { attachments: stored });
  await appendEvent(tx, {
    accountId: conversation.accountId,
    type: "message.created",
    inboxId: conversation.inboxId,
    conversationId: conversation.id,
    contactInboxId: conversation.contactInboxId,
    private: message!.private || message!.messageType === "activity",
    // Chatwoot adds the acting user as `performer` when a user made the request.
    payload: push.sender?.type === "user" ? { ...push, performer: push.sender } : push,
  });
  return { message: message!, push, attachments: stored };
}
