import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, agentBots, attachments, contactInboxes, contacts, conversations, messages, users, type Attachment, type Message, type MessageType } from "@/db/schema";
import { presentAgentBotPush, type AgentBotPush } from "./agent-bot-push";
import { presentAttachmentPush, type AttachmentPush } from "./attachment-push";
import { presentContactPush, type ContactPush } from "./contact-push";
import { epoch, iso } from "./time";
import { presentUserPush, type UserPush } from "./user-push";

export const MESSAGE_TYPE_CODE: Record<MessageType, number> = { incoming: 0, outgoing: 1, activity: 2, template: 3 };
const SENDER_CLASS = { contact: "Contact", user: "User", agent_bot: "AgentBot" } as const;

/** `Message#push_event_data` (chatwoot-api.md §1 MessagePush). */
export type MessagePush = {
  id: number;
  content: string | null;
  account_id: number;
  inbox_id: number;
  conversation_id: number;
  message_type: number;
  created_at: number;
  updated_at: string | null;
  private: boolean;
  status: string;
  source_id: string | null;
  content_type: string;
  content_attributes: Record<string, unknown>;
  sender_type: string | null;
  sender_id: number | null;
  external_source_ids: Record<string, unknown>;
  additional_attributes: Record<string, unknown>;
  processed_message_content: string | null;
  sentiment: Record<string, unknown>;
  conversation: { assignee_id: number | null; unread_count: number; last_activity_at: number; contact_inbox: { source_id: string | null } };
  echo_id?: string;
  attachments?: AttachmentPush[];
  sender?: ContactPush | UserPush | AgentBotPush;
};

export type ConversationSummary = {
  displayId: number;
  assigneeId: number | null;
  lastActivityAt: Date;
  unreadCount: number;
  sourceId: string | null;
};

type Related = {
  conversation: ConversationSummary;
  sender?: ContactPush | UserPush | AgentBotPush;
  attachments: Attachment[];
};

/** Pure shaping, for callers that already hold the related rows (the conversation list). */
export function presentMessagePush(m: Message, r: Related): MessagePush {
  const push: MessagePush = {
    id: m.id,
    content: m.content,
    account_id: m.accountId,
    inbox_id: m.inboxId,
    conversation_id: r.conversation.displayId,
    message_type: MESSAGE_TYPE_CODE[m.messageType],
    created_at: epoch(m.createdAt),
    updated_at: iso(m.updatedAt),
    private: m.private,
    status: m.status,
    source_id: m.sourceId,
    content_type: m.contentType,
    content_attributes: m.contentAttributes,
    sender_type: m.senderType ? SENDER_CLASS[m.senderType] : null,
    sender_id: m.senderId,
    external_source_ids: m.externalSourceIds,
    additional_attributes: m.additionalAttributes,
    processed_message_content: m.processedMessageContent,
    sentiment: {},
    conversation: {
      assignee_id: r.conversation.assigneeId,
      unread_count: r.conversation.unreadCount,
      last_activity_at: epoch(r.conversation.lastActivityAt),
      contact_inbox: { source_id: r.conversation.sourceId },
    },
  };
  if (m.echoId) push.echo_id = m.echoId;
  if (r.attachments.length > 0) push.attachments = r.attachments.map((a) => presentAttachmentPush(a));
  if (r.sender) push.sender = r.sender;
  return push;
}

/**
 * MessagePush for many messages with a fixed number of queries (no N+1). `attachments`, when given,
 * are all the rows' attachments already in hand (a message just inserted): they are not read again.
 */
export async function loadMessagePushes(db: Db, rows: Message[], known: { attachments?: Attachment[] } = {}): Promise<MessagePush[]> {
  if (rows.length === 0) return [];
  const conversationIds = [...new Set(rows.map((m) => m.conversationId))];
  const userIds = [...new Set(rows.filter((m) => m.senderType === "user" && m.senderId).map((m) => m.senderId!))];
  const contactIds = [...new Set(rows.filter((m) => m.senderType === "contact" && m.senderId).map((m) => m.senderId!))];
  const botIds = [...new Set(rows.filter((m) => m.senderType === "agent_bot" && m.senderId).map((m) => m.senderId!))];
  const accountId = rows[0]!.accountId;

  // Sequential on purpose: the handle may be a transaction, one connection that must not be shared.
  const convRows = await db
    .select({
      id: conversations.id,
      displayId: conversations.displayId,
      assigneeId: conversations.assigneeId,
      lastActivityAt: conversations.lastActivityAt,
      sourceId: contactInboxes.sourceId,
      unreadCount: sql<number>`(select count(*)::int from ${messages} u where u.conversation_id = ${conversations.id}
        and u.message_type = 'incoming' and u.created_at > coalesce(${conversations.agentLastSeenAt}, '-infinity'::timestamptz))`,
    })
    .from(conversations)
    .leftJoin(contactInboxes, eq(contactInboxes.id, conversations.contactInboxId))
    .where(inArray(conversations.id, conversationIds));
  const userRows = userIds.length
    ? await db
        .select({ id: users.id, name: users.name, displayName: users.displayName, availability: accountUsers.availability })
        .from(users)
        .leftJoin(accountUsers, and(eq(accountUsers.userId, users.id), eq(accountUsers.accountId, accountId)))
        .where(inArray(users.id, userIds))
    : [];
  const contactRows = contactIds.length ? await db.select().from(contacts).where(inArray(contacts.id, contactIds)) : [];
  const botRows = botIds.length ? await db.select({ id: agentBots.id, name: agentBots.name, avatarUrl: agentBots.avatarUrl }).from(agentBots).where(inArray(agentBots.id, botIds)) : [];
  const attachmentRows =
    known.attachments ??
    (await db
      .select()
      .from(attachments)
      .where(
        inArray(
          attachments.messageId,
          rows.map((m) => m.id),
        ),
      )
      .orderBy(attachments.id));

  const convById = new Map(convRows.map((c) => [c.id, c]));
  const userById = new Map(userRows.map((u) => [u.id, presentUserPush(u, u.availability)]));
  const contactById = new Map(contactRows.map((c) => [c.id, presentContactPush(c)]));
  const botById = new Map(botRows.map((b) => [b.id, presentAgentBotPush(b)]));
  return rows.map((m) => {
    const conversation = convById.get(m.conversationId)!;
    const sender =
      m.senderType === "user" ? userById.get(m.senderId!) : m.senderType === "contact" ? contactById.get(m.senderId!) : m.senderType === "agent_bot" ? botById.get(m.senderId!) : undefined;
    return presentMessagePush(m, {
      conversation,
      sender,
      attachments: attachmentRows.filter((a) => a.messageId === m.id),
    });
  });
}

export async function loadMessagePush(db: Db, row: Message, known: { attachments?: Attachment[] } = {}): Promise<MessagePush> {
  const [push] = await loadMessagePushes(db, [row], known);
  return push!;
}
