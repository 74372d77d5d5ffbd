import { and, count, desc, eq, getTableColumns, getTableName, ilike, inArray, isNotNull, isNull, ne, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import {
  accountUsers,
  contactInboxes,
  contacts,
  conversations,
  inboxes,
  inboxMembers,
  messages,
  teams,
  users,
  type Attachment,
  type Availability,
  type Contact,
  type ContactInbox,
  type Conversation,
  type Role,
  type Team,
} from "@/db/schema";
import { afterCursor, CONVERSATION_SORTS, cursorKeysOf, encodeCursor, orderBySort, type ConversationSort } from "./list-order";
import { likePattern } from "@/lib/contacts/search-contacts";
import { INT4_MAX, noNul, NUL_MESSAGE } from "@/lib/validation";
import type { CompiledFilter } from "./filter-conversations";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { presentMessagePush, type MessagePush } from "@/lib/presenters/message-push";
import { presentUserPush, type UserPushSource } from "@/lib/presenters/user-push";

export { CONVERSATION_SORTS, type ConversationSort };
export type AssigneeType = "me" | "unassigned" | "assigned" | "all";

/** The list's query string as the Application API receives it (Chatwoot's parameter names). */
export const conversationListQuerySchema = z
  .object({
    status: z.enum(["open", "pending", "resolved", "snoozed", "all"]).default("open"),
    assignee_type: z.enum(["me", "unassigned", "assigned", "all"]).catch("all"),
    inbox_id: z.coerce.number().int().positive().optional(),
    team_id: z.coerce.number().int().positive().max(INT4_MAX, "is not a valid id").optional(),
    // Chatwoot's `labels[]=a&labels[]=b` (any of them); a single `labels=a` works too.
    labels: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.string().trim().toLowerCase().max(255).refine(noNul, NUL_MESSAGE)).max(50))
      .optional(),
    q: z.string().trim().max(255).optional(),
    sort_by: z.enum(CONVERSATION_SORTS).catch("last_activity_at_desc"),
    page: z.coerce.number().int().min(1).default(1),
    cursor: z.string().max(1000).optional(),
  })
  .transform((v) => ({
    status: v.status,
    assigneeType: v.assignee_type,
    inboxId: v.inbox_id,
    teamId: v.team_id,
    labels: v.labels?.filter(Boolean).length ? v.labels.filter(Boolean) : undefined,
    q: v.q || undefined,
    sortBy: v.sort_by,
    page: v.page,
    cursor: v.cursor || undefined,
  }));

export type ListConversationsArgs = {
  accountId: number;
  user: { id: number; role: Role };
  status?: Conversation["status"] | "all";
  assigneeType?: AssigneeType;
  inboxId?: number;
  teamId?: number;
  /** Any of these labels (Chatwoot's `labels[]`). */
  labels?: string[];
  /** A compiled filter (POST /conversations/filter, saved views): ANDed with the rest. */
  filter?: CompiledFilter;
  /** One contact's conversations (the contact panel's previous conversations). */
  contactId?: number;
  q?: string;
  sortBy?: ConversationSort;
  /** 1-based page (Chatwoot) … */
  page?: number;
  /** … or a keyset cursor from a previous result's `nextCursor` (stable while rows move). */
  cursor?: string;
  limit?: number;
};

export type ConversationListItem = {
  conversation: Conversation;
  contact: Contact;
  contactInbox: ContactInbox | null;
  inbox: { id: number; name: string; channelType: "web_widget" | "api" };
  team: Team | null;
  assignee: (UserPushSource & { availability: Availability | null }) | null;
  /** Latest message that is not an activity message (notes included: the list is for agents). */
  lastNonActivityMessage: MessagePush | null;
  /** Latest message a person wrote — incoming, or a human reply or note — for the list's preview (U10). */
  lastPersonMessage: MessagePush | null;
  /** C7, exact (not capped at 10 as Chatwoot). */
  unreadCount: number;
};

export type ConversationList = {
  meta: { mineCount: number; unassignedCount: number; assignedCount: number; allCount: number };
  items: ConversationListItem[];
  page: number;
  limit: number;
  /** Continues after the last row of this page in the same sort; null on the last page. */
  nextCursor: string | null;
};

/**
 * The operator's conversation list (SPEC B3), in three statements whatever the page size: the meta
 * counts, the page with contact/inbox/assignee/unread count, and the pages' last messages with their
 * senders and attachments. Agents see only their inboxes' conversations (ownership in the query);
 * administrators see the whole account. Counts are taken before the assignee filter (Chatwoot).
 */
export async function listConversations(db: Db, args: ListConversationsArgs): Promise<ConversationList> {
  const { accountId, user, status = "open", assigneeType = "all", sortBy = "last_activity_at_desc", page = 1 } = args;
  const limit = Math.min(Math.max(1, args.limit ?? 25), 100);
  const scope: (SQL | undefined)[] = [eq(conversations.accountId, accountId)];
  if (user.role !== "administrator") {
    scope.push(inArray(conversations.inboxId, db.select({ id: inboxMembers.inboxId }).from(inboxMembers).where(eq(inboxMembers.userId, user.id))));
  }
  if (status !== "all") scope.push(eq(conversations.status, status));
  if (args.inboxId !== undefined) scope.push(eq(conversations.inboxId, args.inboxId));
  if (args.teamId !== undefined) scope.push(eq(conversations.teamId, args.teamId));
  if (args.labels?.length)
    scope.push(
      sql`${conversations.labels} && array[${sql.join(
        args.labels.map((l) => sql`${l}`),
        sql`, `,
      )}]::text[]`,
    );
  if (args.filter) scope.push(args.filter.where);
  if (args.contactId !== undefined) scope.push(eq(conversations.contactId, args.contactId));
  if (args.q) scope.push(searchCondition(args.q));

  const assigneeFilter = { me: eq(conversations.assigneeId, user.id), unassigned: isNull(conversations.assigneeId), assigned: isNotNull(conversations.assigneeId), all: undefined }[assigneeType];
  const assignee = alias(users, "assignee");
  const assigneeMembership = alias(accountUsers, "assignee_membership");

  const metaQuery = db
    .select({
      mine: sql<number>`count(*) filter (where ${conversations.assigneeId} = ${user.id})::int`,
      unassigned: sql<number>`count(*) filter (where ${conversations.assigneeId} is null)::int`,
      all: count(),
    })
    .from(conversations)
    .$dynamic();
  // Contacts are only needed by the search; the counts otherwise stay on the conversations index.
  if (args.q || args.filter?.joinsContact) metaQuery.innerJoin(contacts, eq(contacts.id, conversations.contactId));
  // The page's conversations first, in a derived table of their own (it has a LIMIT, so Postgres
  // plans it apart), then the 1:1 look-ups joined to those few rows. Joined in one FROM, the planner
  // searched every join order against each of the conversations' indexes: 5–20 ms of planning per
  // request at 100k conversations for a statement that runs in under 1 ms (docs/benchmarks.md, B3).
  const pageQuery = db.select(getTableColumns(conversations)).from(conversations).$dynamic();
  if (args.q || args.filter?.joinsContact) pageQuery.innerJoin(contacts, eq(contacts.id, conversations.contactId));
  const pageOfConversations = pageQuery
    .where(and(...scope, assigneeFilter, args.cursor ? afterCursor(sortBy, args.cursor) : undefined))
    .orderBy(...orderBySort(sortBy))
    // One row more than the page tells whether another page follows, in the same statement.
    .limit(limit + 1)
    .offset(args.cursor ? 0 : (Math.max(1, page) - 1) * limit);
  const pageRowsQuery = db
    .select({
      conversation: conversations,
      contact: contacts,
      contactInbox: contactInboxes,
      inbox: { id: inboxes.id, name: inboxes.name, channelType: inboxes.channelType },
      team: teams,
      assignee: { id: assignee.id, name: assignee.name, displayName: assignee.displayName },
      availability: assigneeMembership.availability,
      cursorKeys: cursorKeysOf(sortBy),
      unreadCount: sql<number>`(select count(*)::int from ${messages} u where u.conversation_id = ${conversations.id}
        and u.message_type = 'incoming' and u.created_at > coalesce(${conversations.agentLastSeenAt}, '-infinity'::timestamptz))`,
    })
    // Named as the table, so every ${conversations.column} above and below reads the page's row.
    .from(pageOfConversations.as(getTableName(conversations)))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .leftJoin(contactInboxes, eq(contactInboxes.id, conversations.contactInboxId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(assigneeMembership, and(eq(assigneeMembership.userId, assignee.id), eq(assigneeMembership.accountId, conversations.accountId)))
    .orderBy(...orderBySort(sortBy));
  // The counts beside the page and its last messages: on a pool they run side by side (the counts of
  // a broad filter are the slow half); a transaction's single connection simply queues them.
  const [metaRows, { pageRows, hasMore, lastMessages }] = await Promise.all([
    metaQuery.where(and(...scope)),
    pageRowsQuery.then(async (pageRows) => {
      const hasMore = pageRows.length > limit;
      if (hasMore) pageRows.pop();
      const lastMessages = await loadLastNonActivityMessages(
        db,
        pageRows.map((r) => ({ ...r.conversation, unreadCount: r.unreadCount, sourceId: r.contactInbox?.sourceId ?? null })),
      );
      return { pageRows, hasMore, lastMessages };
    }),
  ]);
  const meta = metaRows[0] ?? { mine: 0, unassigned: 0, all: 0 };
  return {
    meta: { mineCount: meta.mine, unassignedCount: meta.unassigned, assignedCount: meta.all - meta.unassigned, allCount: meta.all },
    items: pageRows.map((r) => ({
      conversation: r.conversation,
      contact: r.contact,
      contactInbox: r.contactInbox,
      inbox: r.inbox,
      team: r.team,
      assignee: r.assignee ? { ...r.assignee, availability: r.availability } : null,
      lastNonActivityMessage: lastMessages.get(r.conversation.id)?.nonActivity ?? null,
      lastPersonMessage: lastMessages.get(r.conversation.id)?.person ?? null,
      unreadCount: r.unreadCount,
    })),
    page,
    limit,
    nextCursor: hasMore ? encodeCursor(sortBy, pageRows.at(-1)!.cursorKeys) : null,
  };
}

/** Contact name/email/phone/identifier, the display number, or message content. */
function searchCondition(q: string): SQL | undefined {
  const p = likePattern(q);
  const byNumber = /^#?\d{1,9}$/.test(q) ? eq(conversations.displayId, Number(q.replace("#", ""))) : undefined;
  return or(
    ilike(contacts.name, p),
    ilike(contacts.email, p),
    ilike(contacts.phoneNumber, p),
    ilike(contacts.identifier, p),
    byNumber,
    sql`exists (select 1 from ${messages} s where s.conversation_id = ${conversations.id} and s.message_type <> 'activity' and s.content ilike ${p})`,
  );
}

type PageConversation = Conversation & { unreadCount: number; sourceId: string | null };
type AttachmentJson = {
  id: number;
  account_id: number;
  message_id: number;
  file_type: Attachment["fileType"];
  file_name: string;
  file_size: number;
  content_type: string;
  storage_key: string;
  width: number | null;
  height: number | null;
  created_at: string;
};

/**
 * A message a person wrote (U10): incoming, or outgoing from a user that no automation rule or
 * campaign sent (create-message.ts isHumanResponse) — never a template (greeting, email collect,
 * out of office, CSAT) or an activity message. Notes count: an agent wrote them.
 */
export function personWrote(m: Record<"messageType" | "senderType" | "contentAttributes" | "additionalAttributes", AnyColumn>): SQL {
  return sql`(${m.messageType} = 'incoming' or (${m.messageType} = 'outgoing' and ${m.senderType} = 'user'
    and not (${m.contentAttributes} ? 'automation_rule_id') and not (${m.additionalAttributes} ? 'campaign_id')))`;
}

/**
 * One statement for the whole page (B3): for each conversation its latest non-activity message and
 * its latest message a person wrote (often the same row), each picked by a DISTINCT ON subquery.
 */
async function loadLastNonActivityMessages(db: Db, page: PageConversation[]): Promise<Map<number, { nonActivity: MessagePush; person: MessagePush | null }>> {
  if (!page.length) return new Map();
  const senderUser = alias(users, "sender_user");
  const senderMembership = alias(accountUsers, "sender_membership");
  const senderContact = alias(contacts, "sender_contact");
  const ids = page.map((c) => c.id);
  const latest = (person: boolean) => {
    const m = alias(messages, person ? "latest_person" : "latest_any");
    return db
      .selectDistinctOn([m.conversationId], { id: m.id })
      .from(m)
      .where(and(inArray(m.conversationId, ids), ne(m.messageType, "activity"), person ? personWrote(m) : undefined))
      .orderBy(m.conversationId, desc(m.createdAt), desc(m.id));
  };
  const rows = await db
    .select({
      message: messages,
      user: { id: senderUser.id, name: senderUser.name, displayName: senderUser.displayName },
      availability: senderMembership.availability,
      contact: senderContact,
      attachments: sql<AttachmentJson[]>`coalesce((select json_agg(a order by a.id) from attachments a where a.message_id = ${messages.id}), '[]'::json)`,
      person: sql<boolean>`${messages.id} in ${latest(true)}`,
    })
    .from(messages)
    .leftJoin(senderUser, and(eq(messages.senderType, "user"), eq(senderUser.id, messages.senderId)))
    .leftJoin(senderMembership, and(eq(senderMembership.userId, senderUser.id), eq(senderMembership.accountId, messages.accountId)))
    .leftJoin(senderContact, and(eq(messages.senderType, "contact"), eq(senderContact.id, messages.senderId)))
    .where(and(inArray(messages.conversationId, ids), or(inArray(messages.id, latest(false)), inArray(messages.id, latest(true)))))
    .orderBy(messages.conversationId, desc(messages.createdAt), desc(messages.id));
  const byId = new Map(page.map((c) => [c.id, c]));
  const out = new Map<number, { nonActivity: MessagePush; person: MessagePush | null }>();
  // Newest first per conversation: the first row is the latest non-activity message.
  for (const r of rows) {
    const c = byId.get(r.message.conversationId)!;
    const push = presentMessagePush(r.message, {
      conversation: { displayId: c.displayId, assigneeId: c.assigneeId, lastActivityAt: c.lastActivityAt, unreadCount: c.unreadCount, sourceId: c.sourceId },
      sender: r.user ? presentUserPush(r.user, r.availability) : r.contact ? presentContactPush(r.contact) : undefined,
      attachments: r.attachments.map(fromJson),
    });
    const entry = out.get(r.message.conversationId) ?? { nonActivity: push, person: null };
    if (r.person) entry.person ??= push;
    out.set(r.message.conversationId, entry);
  }
  return out;
}

function fromJson(a: AttachmentJson): Attachment {
  return {
    id: a.id,
    accountId: a.account_id,
    messageId: a.message_id,
    fileType: a.file_type,
    fileName: a.file_name,
    fileSize: a.file_size,
    contentType: a.content_type,
    storageKey: a.storage_key,
    width: a.width,
    height: a.height,
    createdAt: new Date(a.created_at),
  };
}
