import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages, type ContactInbox, type Conversation, type Team } from "@/db/schema";
import { countUnreadIncoming } from "@/lib/conversations/unread";
import { loadConversationParties } from "./conversation-parties";
import { presentContactPush, type ContactPush } from "./contact-push";
import { loadMessagePush, type MessagePush } from "./message-push";
import { epoch, epochFloat, iso } from "./time";
import { presentUserPush, type UserPush } from "./user-push";
import type { TeamPush } from "./team";

export const CHANNEL_CLASS = { web_widget: "Channel::WebWidget", api: "Channel::Api" } as const;

export type RawContactInbox = {
  id: number;
  contact_id: number;
  inbox_id: number;
  source_id: string;
  created_at: string | null;
  updated_at: string | null;
  hmac_verified: boolean;
};

/** `Conversations::EventDataPresenter#push_data` (chatwoot-api.md §1 ConversationPush). */
export type ConversationPush = {
  additional_attributes: Record<string, unknown>;
  can_reply: boolean;
  channel: string;
  contact_inbox: RawContactInbox | null;
  id: number;
  inbox_id: number;
  messages: MessagePush[];
  labels: string[];
  meta: {
    sender: ContactPush;
    assignee: UserPush | null;
    assignee_type: "User" | null;
    team: TeamPush | null;
    hmac_verified: boolean | null;
  };
  status: string;
  custom_attributes: Record<string, unknown>;
  snoozed_until: string | null;
  unread_count: number;
  first_reply_created_at: string | null;
  priority: string | null;
  waiting_since: number;
  agent_last_seen_at: number;
  contact_last_seen_at: number;
  last_activity_at: number;
  timestamp: number;
  created_at: number;
  updated_at: number;
};

/**
 * Chatwoot's RawContactInbox without `pubsub_token`: the contact's realtime credential never travels
 * in event payloads (agents and every device would receive it). No Chatwoot client reads it from there.
 */
export function presentRawContactInbox(ci: ContactInbox): RawContactInbox {
  return {
    id: ci.id,
    contact_id: ci.contactId,
    inbox_id: ci.inboxId,
    source_id: ci.sourceId,
    created_at: iso(ci.createdAt),
    updated_at: iso(ci.updatedAt),
    hmac_verified: ci.hmacVerified,
  };
}

export type ConversationPushParts = {
  conversation: Conversation;
  channel: keyof typeof CHANNEL_CLASS;
  contact: ContactPush;
  contactInbox: ContactInbox | null;
  assignee: UserPush | null;
  lastMessage: MessagePush | null;
  unreadCount: number;
  team?: Pick<Team, "id" | "name"> | null;
};

export function presentConversationPush(p: ConversationPushParts): ConversationPush {
  const c = p.conversation;
  return {
    additional_attributes: c.additionalAttributes,
    can_reply: true,
    channel: CHANNEL_CLASS[p.channel],
    contact_inbox: p.contactInbox ? presentRawContactInbox(p.contactInbox) : null,
    id: c.displayId,
    inbox_id: c.inboxId,
    messages: p.lastMessage ? [p.lastMessage] : [],
    labels: c.labels,
    meta: {
      sender: p.contact,
      assignee: p.assignee,
      assignee_type: p.assignee ? "User" : null,
      team: p.team ? { id: p.team.id, name: p.team.name } : null,
      hmac_verified: p.contactInbox?.hmacVerified ?? null,
    },
    status: c.status,
    custom_attributes: c.customAttributes,
    snoozed_until: iso(c.snoozedUntil),
    unread_count: p.unreadCount,
    first_reply_created_at: iso(c.firstReplyCreatedAt),
    priority: c.priority,
    waiting_since: epoch(c.waitingSince),
    agent_last_seen_at: epoch(c.agentLastSeenAt),
    contact_last_seen_at: epoch(c.contactLastSeenAt),
    last_activity_at: epoch(c.lastActivityAt),
    timestamp: epoch(c.lastActivityAt),
    created_at: epoch(c.createdAt),
    updated_at: epochFloat(c.updatedAt),
  };
}

/** The current state of one conversation as ConversationPush (Chatwoot re-fetches before broadcasting). */
export async function loadConversationPush(db: Db, conversationId: number): Promise<ConversationPush> {
  return (await loadConversationPresenter(db, conversationId))();
}

/**
 * The conversation's parties read once, presented as often as a change needs (B7: a reply's
 * `reply.created` shows the conversation before its reply state changes, `conversation.updated`
 * after). `lastMessage`: the latest message the contact can see, when the caller has just written it
 * (its push, not read again). The presenter takes the conversation row as it is at that moment.
 */
export async function loadConversationPresenter(db: Db, conversationId: number, known: { lastMessage?: MessagePush } = {}): Promise<(conversation?: Conversation) => ConversationPush> {
  const row = await loadConversationParties(db, conversationId);

  // The latest message the contact could also see: Chatwoot's "last chat message".
  let lastMessage = known.lastMessage ?? null;
  if (!known.lastMessage) {
    const [last] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), ne(messages.messageType, "activity"), eq(messages.private, false)))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(1);
    lastMessage = last ? await loadMessagePush(db, last) : null;
  }
  const unreadCount = lastMessage?.conversation.unread_count ?? (await countUnreadIncoming(db, { conversationId, since: row.conversation.agentLastSeenAt }));
  return (conversation = row.conversation) =>
    presentConversationPush({
      conversation,
      channel: row.channel,
      contact: presentContactPush(row.contact),
      contactInbox: row.contactInbox,
      team: row.team,
      assignee: row.assignee ? presentUserPush(row.assignee, row.membership?.availability ?? null) : null,
      lastMessage,
      unreadCount,
    });
}
