import { and, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, conversations, messages, teamMembers, users, type Contact, type ContactInbox, type Conversation, type Message, type Team } from "@/db/schema";
import { personWrote, type ConversationListItem } from "@/lib/conversations/list-conversations";
import { isHumanResponse } from "@/lib/messages/create-message";
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
  /**
   * Parley addition (U10): the latest message a person wrote — incoming, or a human reply or note —
   * which the operator list previews; never a template or activity message. Null when none.
   */
  last_person_message: MessagePush | null;
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
  lastPersonMessage: MessagePush | null;
  /** C7, exact (the engine does not cap at 10 as Chatwoot; "9+" clients still work). */
  unreadCount: number;
  /** The conversation's team. */
  team?: Team | null;
  /** Whether the viewer belongs to that team (`meta.team.is_member`, Chatwoot's per-viewer flag). */
  viewerInTeam?: boolean;
};

export function presentAppConversation(p: AppConversationParts): AppConversation {
  const c = p.conversation;
  const meta = {
    sender: presentAppContact(p.contact, { online: p.contactOnline }),
    channel: CHANNEL_CLASS[p.channel],
    // Both keys are absent when unassigned (the view writes them inside an `if`).
    ...(p.assignee && { assignee: p.assignee, assignee_type: "User" as const }),
    // Present only when the conversation has a team (the view writes it inside an `if`).
    ...(p.team && { team: presentTeam(p.team, p.viewerInTeam ?? false) }),
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
    last_person_message: p.lastPersonMessage,
  };
}

/** Who the payload is for: `meta.team.is_member` says whether they belong to the conversation's team. */
export type Viewer = { viewerId?: number; now?: Date };

/** One conversation as AppConversation (show, create, toggle_status …): a handful of queries. */
export async function loadAppConversation(db: Db, conversationId: number, { viewerId, now = new Date() }: Viewer = {}): Promise<AppConversation> {
  const row = await loadConversationParties(db, conversationId);
  const latestOf = (only?: SQL) =>
    db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), only))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(1);
  // Sequential: the handle may be a transaction's single connection.
  const [latest] = await latestOf();
  const [lastNonActivity] = latest && latest.messageType !== "activity" ? [latest] : await latestOf(ne(messages.messageType, "activity"));
  const [lastPerson] = lastNonActivity && isPersonMessage(lastNonActivity) ? [lastNonActivity] : await latestOf(personWrote(messages));
  const pushes = await loadMessagePushes(
    db,
    [latest, lastNonActivity, lastPerson].filter((m, i, all): m is Message => !!m && all.findIndex((x) => x?.id === m.id) === i),
  );
  const pushOf = (m: Message | undefined) => (m ? (pushes.find((p) => p.id === m.id) ?? null) : null);
  const c = row.conversation;
  const a: AgentSource | null = row.assignee && row.membership ? { ...row.assignee, ...row.membership } : null;
  const online = await onlineContactIds(c.accountId, now);
  const present = a ? await connectedAgentIds(c.accountId, now) : new Set<number>();
  const viewerInTeam =
    row.team && viewerId !== undefined
      ? (
          await db
            .select({ id: teamMembers.id })
            .from(teamMembers)
            .where(and(eq(teamMembers.teamId, row.team.id), eq(teamMembers.userId, viewerId)))
        ).length > 0
      : false;
  return presentAppConversation({
    conversation: c,
    channel: row.channel,
    contact: row.contact,
    contactOnline: online.has(row.contact.id),
    contactInbox: row.contactInbox,
    team: row.team,
    viewerInTeam,
    assignee: a ? presentAgent(a, present.has(a.id)) : null,
    latestMessage: pushOf(latest),
    lastNonActivityMessage: pushOf(lastNonActivity),
    lastPersonMessage: pushOf(lastPerson),
    unreadCount: pushes[0]?.conversation.unread_count ?? (await countUnreadIncoming(db, { conversationId, since: c.agentLastSeenAt })),
  });
}

/** The row-side twin of personWrote (U10). */
const isPersonMessage = (m: Message) => m.messageType === "incoming" || isHumanResponse(m);

type AgentJson = { id: number; name: string; display_name: string | null; email: string; account_id: number; role: Agent["role"]; availability: Agent["availability_status"]; auto_offline: boolean };

/**
 * The list's page as AppConversations with ONE statement on top of listConversations' three (B3: at
 * most four whatever the page size): each conversation's latest message of any kind and its
 * assignee as an Agent. The latest message is either the list's last non-activity message (reused)
 * or an activity message, which has no sender and no attachments, so the raw row suffices.
 */
export async function presentAppConversationList(db: Db, items: ConversationListItem[], { viewerId, now = new Date() }: Viewer = {}): Promise<AppConversation[]> {
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
      inTeam: viewerId === undefined ? sql<boolean>`false` : sql<boolean>`exists(select 1 from ${teamMembers} tm where tm.team_id = ${conversations}.team_id and tm.user_id = ${viewerId})`,
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
      viewerInTeam: extra?.inTeam === true,
      assignee: a
        ? presentAgent(
            { id: a.id, name: a.name, displayName: a.display_name, email: a.email, accountId: a.account_id, role: a.role, availability: a.availability, autoOffline: a.auto_offline },
            present.has(a.id),
          )
        : null,
      latestMessage,
      lastNonActivityMessage: item.lastNonActivityMessage,
      lastPersonMessage: item.lastPersonMessage,
      unreadCount: item.unreadCount,
    });
  });
}
