import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, conversations, messages, users, type Contact, type ContactInbox, type Conversation, type Message, type Team } from "@/db/schema";
import type { ConversationListItem } from "@/lib/conversations/list-conversations";
import { countUnreadIncoming } from "@/lib/conversations/unread";
import { connectedAgentIds, presentAgent, type Agent, type AgentSource } from "./app-agent";
import { onlineContactIds, presentAppContact, type AppContact } from "./app-contact";
import { loadConversationParties } from "./conversation-parties";
import { CHANNEL_CLASS } from "./conversation-push";
import { loadMessagePushes, presentMessagePush, type MessagePush } from "./message-push";
import { epoch, epochFloat, iso } from "./time";
import { rowFromJson } from "./row-from-json";
import { presentTeam, type AppTeam } from "./team";

/** `api/v1/conversations/partials/_conversation` (chatwoot-api.md §1 AppConversation), key order as emitted. */
export type AppConversation = {
  meta: { sender: AppContact; channel: string; assignee?: Agent; assignee_type?: "User"; team?: AppTeam; hmac_verified: boolean | null };
  id: number;
  messages: MessagePush[];
  account_id: number;
  uuid: string;
  additional_attributes: Record<string, unknown>;
  agent_last_seen_at: number;
  assignee_last_seen_at: number;
  can_reply: boolean;
  contact_last_seen_at: number;
  custom_attributes: Record<string, unknown>;
  inbox_id: number;
  labels: string[];
  muted: boolean;
  snoozed_until: string | null;
  status: string;
  created_at: number;
  updated_at: number;
  timestamp: number;
  first_reply_created_at: number;
  unread_count: number;
  last_non_activity_message: MessagePush | null;
  last_activity_at: number;
  priority: string | null;
  waiting_since: number;
  sla_policy_id: null;
};

export type AppConversationParts = {
  conversation: Conversation;
  channel: keyof typeof CHANNEL_CLASS;
  contact: Contact;
  contactOnline: boolean;
  contactInbox: Pick<ContactInbox, "hmacVerified"> | null;
  assignee: Agent | null;
  /** The latest message of any kind (activity and notes included), as Chatwoot's `messages`. */
  latestMessage: MessagePush | null;
  lastNonActivityMessage: MessagePush | null;
  /** C7, exact (the engine does not cap at 10 as Chatwoot; "9+" clients still work). */
  unreadCount: number;
  /** The conversation's team; `is_member` is false here (the list is not per viewer). */
  team?: Team | null;
};

export function presentAppConversation(p: AppConversationParts): AppConversation {
  const c = p.conversation;
  const meta = {
    sender: presentAppContact(p.contact, { online: p.contactOnline }),
    channel: CHANNEL_CLASS[p.channel],
    // Both keys are absent when unassigned (the view writes them inside an `if`).
    ...(p.assignee && { assignee: p.assignee, assignee_type: "User" as const }),
    // Present only when the conversation has a team (the view writes it inside an `if`).
    ...(p.team && { team: presentTeam(p.team, false) }),
    hmac_verified: p.contactInbox?.hmacVerified ?? null,
  };
  return {
    meta,
    id: c.displayId,
    messages: p.latestMessage ? [p.latestMessage] : [],
    account_id: c.accountId,
    uuid: c.uuid,
    additional_attributes: c.additionalAttributes,
    agent_last_seen_at: epoch(c.agentLastSeenAt),
    assignee_last_seen_at: epoch(c.assigneeLastSeenAt),
    can_reply: true,
    contact_last_seen_at: epoch(c.contactLastSeenAt),
    custom_attributes: c.customAttributes,
    inbox_id: c.inboxId,
    labels: c.labels,
    muted: false,
    snoozed_until: iso(c.snoozedUntil),
    status: c.status,
    created_at: epoch(c.createdAt),
    updated_at: epochFloat(c.updatedAt),
    timestamp: epoch(c.lastActivityAt),
    first_reply_created_at: epoch(c.firstReplyCreatedAt),
    unread_count: p.unreadCount,
    last_non_activity_message: p.lastNonActivityMessage,
    last_activity_at: epoch(c.lastActivityAt),
    priority: c.priority,
    waiting_since: epoch(c.waitingSince),
    sla_policy_id: null,
  };
}

/** One conversation as AppConversation (show, create, toggle_status …): a handful of queries. */
export async function loadAppConversation(db: Db, conversationId: number, now = new Date()): Promise<AppConversation> {
  const row = await loadConversationParties(db, conversationId);
  const latestOf = (onlyNonActivity: boolean) =>
    db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), onlyNonActivity ? ne(messages.messageType, "activity") : undefined))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(1);
  // Sequential: the handle may be a transaction's single connection.
  const [latest] = await latestOf(false);
  const [lastNonActivity] = latest && latest.messageType !== "activity" ? [latest] : await latestOf(true);
  const pushes = await loadMessagePushes(
    db,
    [latest, lastNonActivity].filter((m, i, all): m is Message => !!m && all.findIndex((x) => x?.id === m.id) === i),
  );
  const pushOf = (m: Message | undefined) => (m ? (pushes.find((p) => p.id === m.id) ?? null) : null);
  const c = row.conversation;
  const a: AgentSource | null = row.assignee && row.membership ? { ...row.assignee, ...row.membership } : null;
  const online = await onlineContactIds(c.accountId, now);
  const present = a ? await connectedAgentIds(c.accountId, now) : new Set<number>();
  return presentAppConversation({
    conversation: c,
    channel: row.channel,
    contact: row.contact,
    contactOnline: online.has(row.contact.id),
    contactInbox: row.contactInbox,
    team: row.team,
    assignee: a ? presentAgent(a, present.has(a.id)) : null,
    latestMessage: pushOf(latest),
    lastNonActivityMessage: pushOf(lastNonActivity),
    unreadCount: pushes[0]?.conversation.unread_count ?? (await countUnreadIncoming(db, { conversationId, since: c.agentLastSeenAt })),
  });
}

type AgentJson = { id: number; name: string; display_name: string | null; email: string; account_id: number; role: Agent["role"]; availability: Agent["availability_status"]; auto_offline: boolean };

/**
 * The list's page as AppConversations with ONE statement on top of listConversations' three (B3: at
 * most four whatever the page size): each conversation's latest message of any kind and its
 * assignee as an Agent. The latest message is either the list's last non-activity message (reused)
 * or an activity message, which has no sender and no attachments, so the raw row suffices.
 */
export async function presentAppConversationList(db: Db, items: ConversationListItem[], now = new Date()): Promise<AppConversation[]> {
  if (!items.length) return [];
  // The subqueries name the outer table explicitly: in a single-table select drizzle renders
  // `${conversations.id}` as a bare "id", which inside `from messages m` means m.id (R5 found the
  // list showing message N under conversation N, across inboxes and accounts).
  const extras = await db
    .select({
      id: conversations.id,
      latest: sql<Record<string, unknown> | null>`(select row_to_json(m) from ${messages} m where m.conversation_id = ${conversations}.id order by m.created_at desc, m.id desc limit 1)`,
      agent: sql<AgentJson | null>`(select json_build_object('id', u.id, 'name', u.name, 'display_name', u.display_name, 'email', u.email,
        'account_id', au.account_id, 'role', au.role, 'availability', au.availability, 'auto_offline', au.auto_offline)
        from ${users} u join ${accountUsers} au on au.user_id = u.id and au.account_id = ${conversations}.account_id where u.id = ${conversations}.assignee_id)`,
    })
    .from(conversations)
    .where(
      inArray(
        conversations.id,
        items.map((i) => i.conversation.id),
      ),
    );
  const byId = new Map(extras.map((e) => [e.id, e]));
  const accountId = items[0]!.conversation.accountId;
  const online = await onlineContactIds(accountId, now);
  const present = extras.some((e) => e.agent) ? await connectedAgentIds(accountId, now) : new Set<number>();
  return items.map((item) => {
    const c = item.conversation;
    const extra = byId.get(c.id);
    const latestRow = extra?.latest ? rowFromJson(messages, extra.latest) : null;
    const latestMessage =
      latestRow && latestRow.id !== item.lastNonActivityMessage?.id
        ? presentMessagePush(latestRow, {
            conversation: { displayId: c.displayId, assigneeId: c.assigneeId, lastActivityAt: c.lastActivityAt, unreadCount: item.unreadCount, sourceId: item.contactInbox?.sourceId ?? null },
            attachments: [],
          })
        : item.lastNonActivityMessage;
    const a = extra?.agent;
    return presentAppConversation({
      conversation: c,
      channel: item.inbox.channelType,
      contact: item.contact,
      contactOnline: online.has(item.contact.id),
      contactInbox: item.contactInbox,
      team: item.team,
      assignee: a
        ? presentAgent(
            { id: a.id, name: a.name, displayName: a.display_name, email: a.email, accountId: a.account_id, role: a.role, availability: a.availability, autoOffline: a.auto_offline },
            present.has(a.id),
          )
        : null,
      latestMessage,
      lastNonActivityMessage: item.lastNonActivityMessage,
      unreadCount: item.unreadCount,
    });
  });
}
