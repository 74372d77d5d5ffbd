import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, conversations, inboxMembers } from "@/db/schema";
import type { StreamEvent } from "@/lib/realtime/relay";
import { createNotifications } from "./create-notification";
import { mentionedUserIds } from "./mentions";

const OUTGOING = 1;
const INCOMING = 0;

type MessagePayload = {
  id?: number;
  private?: boolean;
  message_type?: number;
  sender_type?: string | null;
  sender_id?: number | null;
  content?: string | null;
  created_at?: number;
  conversation?: { assignee_id?: number | null };
};
type AssigneePayload = { meta?: { assignee?: { id?: number } | null }; performer?: { type?: string; id?: number } | null };

/** Of `userIds`, the agents who may see the conversation: members of its inbox and the account's administrators. */
async function agentsWhoSee(db: Db, { accountId, inboxId, userIds }: { accountId: number; inboxId: number; userIds: number[] }): Promise<number[]> {
  if (!userIds.length) return [];
  const rows = await db
    .selectDistinct({ userId: accountUsers.userId })
    .from(accountUsers)
    .leftJoin(inboxMembers, and(eq(inboxMembers.userId, accountUsers.userId), eq(inboxMembers.inboxId, inboxId)))
    .where(and(eq(accountUsers.accountId, accountId), inArray(accountUsers.userId, userIds), or(eq(accountUsers.role, "administrator"), eq(inboxMembers.inboxId, inboxId))));
  return rows.map((r) => r.userId);
}

/**
 * Turns one committed outbox event into notifications (NT3): a mention in a private note, an
 * assignment by someone else (or the system), a visitor's message on a conversation its assignee has
 * not looked at since. Runs after commit, from the workflow processor, never on the write path.
 * Returns how many notifications it raised (each wrote its `notification.created`).
 */
export async function notifyFromEvent(db: Db, e: StreamEvent): Promise<number> {
  if (e.conversationId === null || e.inboxId === null) return 0;
  const base = { accountId: e.accountId, conversationId: e.conversationId, sourceEventId: e.id };
  if (e.type === "message.created") {
    const m = e.payload as MessagePayload;
    if (typeof m.id !== "number") return 0;
    if (m.private && m.message_type === OUTGOING) {
      const mentioned = mentionedUserIds(m.content).filter((id) => !(m.sender_type === "User" && id === m.sender_id));
      const userIds = await agentsWhoSee(db, { accountId: e.accountId, inboxId: e.inboxId, userIds: mentioned });
      return createNotifications(db, { ...base, type: "conversation_mention", userIds, secondaryActor: { type: "Message", id: m.id } });
    } else if (m.message_type === INCOMING && m.conversation?.assignee_id) {
      const assigneeId = m.conversation.assignee_id;
      // "Not looking": the assignee has not seen the conversation since this message arrived.
      const [c] = await db.select({ seen: conversations.assigneeLastSeenAt, assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, e.conversationId));
      if (!c || c.assigneeId !== assigneeId) return 0;
      if (c.seen && typeof m.created_at === "number" && c.seen.getTime() >= m.created_at * 1000) return 0;
      return createNotifications(db, { ...base, type: "assigned_conversation_new_message", userIds: [assigneeId], secondaryActor: { type: "Message", id: m.id } });
    }
    return 0;
  }
  if (e.type === "assignee.changed") {
    const p = e.payload as AssigneePayload;
    const assigneeId = p.meta?.assignee?.id;
    if (typeof assigneeId !== "number") return 0;
    const performer = p.performer?.type === "user" && typeof p.performer.id === "number" ? p.performer.id : null;
    // Chatwoot's self_assign?: taking a conversation yourself notifies nobody.
    if (performer === assigneeId) return 0;
    return createNotifications(db, { ...base, type: "conversation_assignment", userIds: [assigneeId], secondaryActor: performer === null ? null : { type: "User", id: performer } });
  }
  return 0;
}
