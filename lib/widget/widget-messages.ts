import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversations, messages, type Contact, type ContactInbox, type Conversation, type Inbox, type Message } from "@/db/schema";
import type { PreparedAttachment } from "@/lib/attachments/prepare-attachments";
import { updateContact } from "@/lib/contacts/save-contact";
import { createMessage } from "@/lib/messages/create-message";
import { messageInputSchema, type MessageInput } from "@/lib/messages/message-input";
import type { AttachmentUrl } from "@/lib/presenters/attachment-push";
import { loadPublicMessage, loadPublicMessages, type PublicMessage } from "@/lib/presenters/public-message";
import { presentRawContact } from "@/lib/presenters/public-contact";
import { epoch } from "@/lib/presenters/time";
import { attributes, INT4_MAX, noNul, NUL_MESSAGE, parseInput, text } from "@/lib/validation";
import { conversationForVisitorMessage, findCurrentConversation, takesMessages } from "./current-conversation";

const id = z.number().int().positive().max(INT4_MAX);

/** §C6/§C11 `message` object. Content length (M1) is the message engine's rule; only types are checked here. */
export const widgetMessageSchema = z.object({
  content: z.string().refine(noNul, NUL_MESSAGE).nullish(),
  echo_id: text(255).nullish(),
  reply_to: id.nullish(),
  referer_url: text(2048).nullish(),
  timestamp: z.union([z.string().max(255), z.number()]).nullish(),
});
export type WidgetMessageInput = z.output<typeof widgetMessageSchema>;

export type VisitorMeta = {
  referer?: string | null;
  browserLanguage?: string | null;
  userAgent?: string | null;
  /** W6: counts a new conversation against the caller's IP before one is opened. */
  beforeNewConversation?: () => Promise<void>;
};

/**
 * §C11: a visitor's message into the current conversation (created when there is none, W4) —
 * M1–M6 are the engine's, so a retried send with the same echo_id returns the stored message (M6).
 */
export async function postVisitorMessage(
  db: Db,
  {
    inbox,
    contact,
    contactInbox,
    message,
    files = [],
    meta = {},
  }: { inbox: Inbox; contact: Contact; contactInbox: ContactInbox; message: WidgetMessageInput; files?: PreparedAttachment[]; meta?: VisitorMeta },
): Promise<{ conversation: Conversation; message: Message }> {
  const input = messageInput(message, files);
  const { conversation } = await conversationForVisitorMessage(db, { inbox, contactInbox, input: { additional_attributes: initialAttributes(meta, message) }, beforeNew: meta.beforeNewConversation });
  const { message: stored } = await createMessage(db, {
    conversationId: conversation.id,
    accountId: inbox.accountId,
    sender: { type: "contact", id: contact.id },
    senderContact: contact,
    input,
    files,
  });
  return { conversation, message: stored };
}

export const startConversationSchema = z.object({
  contact: z.object({ name: text(255).nullish(), email: text(255).nullish(), phone_number: text(255).nullish() }).optional(),
  message: widgetMessageSchema,
  custom_attributes: attributes().optional(),
});
export type StartConversationInput = z.output<typeof startConversationSchema>;

/**
 * §C6 (the pre-chat form's submit): stores the form's contact fields (invalid email/phone discarded),
 * then posts the first message. Unlike Chatwoot it does not open a second conversation while the
 * current one can take messages — a double submit or a second tab stays in one thread (#6128).
 */
export async function startWidgetConversation(
  db: Db,
  {
    inbox,
    contact,
    contactInbox,
    body,
    meta = {},
    attachmentUrl,
  }: { inbox: Inbox; contact: Contact; contactInbox: ContactInbox; body: StartConversationInput; meta?: VisitorMeta; attachmentUrl?: AttachmentUrl },
) {
  // M1 and W6 first: a refused request writes nothing, not even the form's contact fields.
  const input = messageInput(body.message);
  const current = await findCurrentConversation(db, { inbox, contactInbox });
  if (!current || !takesMessages(current, inbox)) await meta.beforeNewConversation?.();
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body.contact ?? {})) if (typeof v === "string" && v.trim() !== "") fields[k] = v;
  // Chatwoot: a form name does not overwrite the name of a contact already known by email/phone/identifier.
  if (contact.email || contact.phoneNumber || contact.identifier) delete fields.name;
  const updated = Object.keys(fields).length ? await updateContact(db, { accountId: contact.accountId, contactId: contact.id, input: fields, mode: "discard" }) : contact;
  const { conversation } = await conversationForVisitorMessage(db, {
    inbox,
    contactInbox,
    input: { additional_attributes: initialAttributes(meta, body.message), custom_attributes: body.custom_attributes ?? {} },
  });
  await createMessage(db, {
    conversationId: conversation.id,
    accountId: inbox.accountId,
    sender: { type: "contact", id: updated.id },
    input,
  });
  const [fresh] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
  const visible = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversation.id), eq(messages.private, false), ne(messages.messageType, "activity")))
    .orderBy(messages.id);
  return {
    id: fresh!.displayId,
    inbox_id: fresh!.inboxId,
    contact_last_seen_at: epoch(fresh!.contactLastSeenAt),
    status: fresh!.status,
    messages: await loadPublicMessages(db, visible, { attachmentUrl }),
    custom_attributes: fresh!.customAttributes,
    contact: presentRawContact(updated),
  };
}

/**
 * The message as the engine takes it, checked (M1) before a conversation is opened for it — an empty or
 * oversize first message must not leave an empty conversation behind.
 */
function messageInput(message: WidgetMessageInput, files: PreparedAttachment[] = []): MessageInput {
  const input: MessageInput = { content: message.content, echo_id: message.echo_id, content_attributes: { in_reply_to: message.reply_to ?? null } };
  // Uploaded files count for M1 (≤ 15, and content may be empty with files).
  parseInput(messageInputSchema, { ...input, attachments: files.map((f) => f.attachment) });
  return input;
}

function initialAttributes(meta: VisitorMeta, message: WidgetMessageInput): Record<string, unknown> {
  return {
    ...(meta.browserLanguage && { browser_language: meta.browserLanguage.slice(0, 35) }),
    ...(meta.userAgent && { browser: { user_agent: meta.userAgent.slice(0, 512) } }),
    initiated_at: { timestamp: new Date().toISOString() },
    referer: message.referer_url ?? meta.referer ?? null,
  };
}

/** §C11's answer: Chatwoot's widget message create view — no content_type and no echo_id. */
export async function presentCreatedWidgetMessage(db: Db, message: Message, attachmentUrl?: AttachmentUrl) {
  const m: PublicMessage = await loadPublicMessage(db, message, { attachmentUrl });
  return {
    id: m.id,
    content: m.content,
    inbox_id: message.inboxId,
    conversation_id: m.conversation_id,
    message_type: m.message_type,
    created_at: m.created_at,
    private: false,
    source_id: null,
    content_attributes: m.content_attributes,
    ...(m.attachments && { attachments: m.attachments }),
    ...(m.sender && { sender: m.sender }),
  };
}
