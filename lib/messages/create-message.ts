import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, conversations, inboxes, messages, type Contact, type Conversation, type Message, type MessageType } from "@/db/schema";
import type { PreparedAttachment } from "@/lib/attachments/prepare-attachments";
import { autoAssignAfterCommit } from "@/lib/assignment/after-commit";
import { SYSTEM } from "@/lib/conversations/actor";
import { applyStatusChange } from "@/lib/conversations/change-status";
import { conversationEvent, emitConversationEvents } from "@/lib/conversations/emit-conversation-events";
import { lockConversationById } from "@/lib/conversations/lock-conversation";
import { AppError } from "@/lib/errors";
import { loadConversationPresenter } from "@/lib/presenters/conversation-push";
import type { MessagePush } from "@/lib/presenters/message-push";
import { appendEvents } from "@/lib/realtime/append-event";
import { uniqueViolation } from "@/lib/pg-errors";
import { recordReply } from "@/lib/reports/record-events";
import { blobStore } from "@/lib/storage";
import { parseInput } from "@/lib/validation";
import { env } from "@/lib/env";
import { sendAutomaticMessages } from "./automatic-messages";
import { isPlainText, postContactMessageFast } from "./contact-message-fast-path";
import { assertWithinFloodLimit } from "./flood-limit";
import { insertMessageWithPush, type InsertedMessage, type MessageSender } from "./insert-message";
import { messageInputSchema, type MessageInput, type ParsedMessageInput } from "./message-input";

export type CreateMessageArgs = {
  conversationId: number;
  /** Scopes the conversation lookup (404 outside the account). */
  accountId?: number;
  /** The contact (widget/client API), a user (Application API) or null for the system. */
  sender: MessageSender;
  input: MessageInput;
  /** Checked uploads (lib/attachments): stored and attached in the message's transaction, so a refused message leaves no file. */
  files?: PreparedAttachment[];
  now?: Date;
  /** Overrides CONVERSATION_MESSAGE_PER_MINUTE_LIMIT (tests). */
  floodLimit?: number;
  /**
   * The sending contact's row, when the caller already holds it (the Client API and the widget): a
   * plain text message into an open, waiting conversation is then written in one round trip (B7,
   * contact-message-fast-path.ts). Without it every message takes the transaction below.
   */
  senderContact?: Contact;
};

export type CreateMessageResult = {
  message: Message;
  created: boolean;
  /** A created message's `message.created` payload and stored attachments, as its transaction built them (absent for an M6 replay). */
  inserted?: Omit<InsertedMessage, "message">;
};

/**
 * Posts a message, all in one transaction with the conversation row locked:
 * M1 input limits → M6 echo_id replay → M2 flood limit → uploaded files → insert (M4, `message.created`) →
 * C4 reopen on incoming → M3 waiting/first reply → M4 contact activity → AM1–AM3 automatic messages.
 */
export async function createMessage(db: Db, args: CreateMessageArgs): Promise<CreateMessageResult> {
  const files = args.files ?? [];
  const data = parseInput(messageInputSchema, files.length ? { ...args.input, attachments: files.map((f) => f.attachment) } : args.input);
  return postMessage(db, { ...args, input: data });
}

/**
 * createMessage for input already validated at the edge (lib/validation, the route's body schema):
 * the message is parsed once per request. `input.attachments` must be the uploads' own metadata.
 */
export async function postMessage(db: Db, args: Omit<CreateMessageArgs, "input"> & { input: ParsedMessageInput }): Promise<CreateMessageResult> {
  const files = args.files ?? [];
  const data = args.input;
  // A1: set when this message reopened the conversation, which is then auto-assigned after commit.
  const reopened: { conversation?: Conversation; at?: Date } = {};
  try {
    const fast = await tryFastPath(db, args, files, data);
    if (fast) return fast;
    const result = await db.transaction(async (tx) => {
      const conversation = await lockConversationById(tx, { conversationId: args.conversationId, accountId: args.accountId });
      // A contact posts only into its own conversations; anything else looks like it does not exist.
      if (args.sender?.type === "contact" && args.sender.id !== conversation.contactId) throw AppError.notFound();
      if (data.echo_id) {
        const stored = await getMessageByEchoId(tx, { conversationId: conversation.id, echoId: data.echo_id });
        if (stored) return { message: stored, created: false };
      }
      // Taken after the lock: a poster that waited is counted at the moment it really writes.
      const now = args.now ?? new Date();
      await assertWithinFloodLimit(tx, { conversationId: conversation.id, now, limit: args.floodLimit });

      // A contact's message is incoming whatever the body says: it can never pose as an agent's reply.
      for (const f of files) await blobStore().put(tx, { storageKey: f.attachment.storageKey, accountId: conversation.accountId, bytes: f.bytes });
      const messageType: MessageType = args.sender?.type === "contact" ? "incoming" : (data.message_type ?? "outgoing");
      const previousActivity = conversation.lastActivityAt;
      const { message, push, attachments } = await insertMessageWithPush(tx, conversation, {
        messageType,
        content: data.content ?? null,
        contentType: data.content_type,
        // Only agents write notes; an incoming message is always visible to its contact.
        private: messageType === "incoming" ? false : data.private,
        sender: args.sender,
        contentAttributes: data.content_attributes,
        additionalAttributes: data.additional_attributes,
        sourceId: data.source_id ?? null,
        echoId: data.echo_id ?? null,
        attachments: data.attachments,
        createdAt: now,
      });
      const wasOpen = conversation.status === "open";
      // B7: a visible message newer than anything before is the conversation's latest: its push is the
      // conversation payload's last message, not read again.
      const latest = !message.private && message.messageType !== "activity" && message.createdAt >= previousActivity ? push : undefined;
      await applyMessageEffects(tx, conversation, message, now, latest);
      if (!wasOpen && conversation.status === "open") Object.assign(reopened, { conversation, at: now });
      return { message, created: true, inserted: { push, attachments } };
    });
    if (reopened.conversation && reopened.at) await autoAssignAfterCommit(db, reopened.conversation, reopened.at);
    return result;
  } catch (err) {
    // M6 under concurrency: another request stored this echo_id first; answer with its message.
    if (data.echo_id && uniqueViolation(err) === "messages_conversation_echo_id_key") {
      const stored = await getMessageByEchoId(db, { conversationId: args.conversationId, echoId: data.echo_id });
      if (stored) return { message: stored, created: false };
    }
    throw err;
  }
}

/** B7: the one-round-trip write for a contact's plain text message, when it applies; null → the transaction. */
async function tryFastPath(db: Db, args: Omit<CreateMessageArgs, "input">, files: PreparedAttachment[], data: ParsedMessageInput): Promise<CreateMessageResult | null> {
  const contact = args.senderContact;
  if (!contact || args.sender?.type !== "contact" || args.sender.id !== contact.id || files.length > 0) return null;
  if (!isPlainText(data)) return null;
  const r = await postContactMessageFast(db, {
    conversationId: args.conversationId,
    accountId: args.accountId,
    contact,
    content: data.content ?? null,
    echoId: data.echo_id ?? null,
    now: args.now ?? new Date(),
    floodLimit: args.floodLimit ?? env().CONVERSATION_MESSAGE_PER_MINUTE_LIMIT,
  });
  if (r.outcome === "replay") return { message: r.message, created: false };
  if (r.outcome === "created") return { message: r.message, created: true, inserted: { push: r.push, attachments: [] } };
  return null;
}

export async function getMessageByEchoId(db: Db, { conversationId, echoId }: { conversationId: number; echoId: string }): Promise<Message | null> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.echoId, echoId)));
  return row ?? null;
}

/** M3: outgoing, from a user, not from an automation rule or a campaign. */
export function isHumanResponse(m: Message): boolean {
  return m.messageType === "outgoing" && m.senderType === "user" && !m.contentAttributes.automation_rule_id && !m.additionalAttributes.campaign_id;
}

async function applyMessageEffects(tx: Db, conversation: Conversation, message: Message, now: Date, lastMessage: MessagePush | undefined): Promise<void> {
  const incoming = message.messageType === "incoming";
  let contactBlocked = false;
  if (incoming) {
    const [contact] = await tx.update(contacts).set({ lastActivityAt: now }).where(eq(contacts.id, conversation.contactId)).returning({ blocked: contacts.blocked });
    contactBlocked = contact?.blocked ?? false;
    // C4: an incoming message wakes a snoozed conversation and reopens a resolved one, unless blocked;
    // a resolved one in an inbox with an agent bot goes back to the bot, pending (AB3, as Chatwoot).
    if (conversation.status === "snoozed" || (conversation.status === "resolved" && !contactBlocked)) {
      const status = conversation.status === "resolved" && (await inboxHasAgentBot(tx, conversation.inboxId)) ? "pending" : "open";
      await applyStatusChange(tx, conversation, { status, actor: SYSTEM, now, reason: "incoming" });
    }
  }

  // M3 / M5: private notes never count for first reply or waiting time.
  if (!message.private) {
    if (isHumanResponse(message) && conversation.firstReplyCreatedAt === null) {
      await recordReply(tx, conversation, message, { first: true });
      await setReplyState(tx, conversation, { firstReplyCreatedAt: message.createdAt, waitingSince: null });
      await emitConversationEvents(tx, conversation, ["first_reply.created", "conversation.updated"], undefined, { lastMessage });
    } else if (isHumanResponse(message) && conversation.waitingSince !== null) {
      // reply.created carries the waiting_since the reply answered (the reply time), so it goes first;
      // both payloads come from one read of the conversation's parties, the rows from one insert (B7).
      const present = await loadConversationPresenter(tx, conversation.id, { lastMessage });
      const answered = present();
      await recordReply(tx, conversation, message, { first: false, waitingSince: conversation.waitingSince });
      await setReplyState(tx, conversation, { waitingSince: null });
      await appendEvents(tx, [conversationEvent(conversation, "reply.created", answered), conversationEvent(conversation, "conversation.updated", present(conversation))]);
    } else if (incoming && conversation.waitingSince === null) {
      await setReplyState(tx, conversation, { waitingSince: message.createdAt });
      await emitConversationEvents(tx, conversation, ["conversation.updated"], undefined, { lastMessage });
    }
  }

  if (incoming && !contactBlocked) await sendAutomaticMessages(tx, conversation, now);
}

async function inboxHasAgentBot(tx: Db, inboxId: number): Promise<boolean> {
  const [inbox] = await tx.select({ agentBotId: inboxes.agentBotId }).from(inboxes).where(eq(inboxes.id, inboxId));
  return inbox?.agentBotId != null;
}

async function setReplyState(tx: Db, conversation: Conversation, set: Partial<Pick<Conversation, "firstReplyCreatedAt" | "waitingSince">>): Promise<void> {
  const [updated] = await tx.update(conversations).set(set).where(eq(conversations.id, conversation.id)).returning();
  Object.assign(conversation, updated);
}
