import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, messages } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { loadMessagePushes } from "@/lib/presenters/message-push";
import { epoch } from "@/lib/presenters/time";
import { appendMessageUpdated } from "@/lib/messages/append-message-updated";
import { appendEvent } from "@/lib/realtime/append-event";
import { emitConversationEvents } from "./emit-conversation-events";
import { countUnreadIncoming } from "./unread";

const HOUR_MS = 60 * 60 * 1000;
export const CONTACT_LAST_SEEN_THROTTLE_MS = 10_000;

/**
 * C6 agent update_last_seen (Chatwoot PR #13355): write only when something is unread, or the stored
 * value is empty or over an hour old — an open conversation polled by many tabs costs no writes.
 * `assignee_last_seen_at` moves only for the assignee. Emits `conversation.agent_seen` to the contact
 * only (a Parley addition; Chatwoot emits nothing), so the widget's "Seen" mark is live.
 */
export async function updateAgentLastSeen(
  db: Db,
  { accountId, conversationId, userId, now = new Date() }: { accountId?: number; conversationId: number; userId: number; now?: Date },
): Promise<{ updated: boolean }> {
  const where = accountId === undefined ? eq(conversations.id, conversationId) : and(eq(conversations.id, conversationId), eq(conversations.accountId, accountId));
  const [c] = await db.select().from(conversations).where(where);
  if (!c) throw AppError.notFound();
  const isAssignee = c.assigneeId === userId;
  const stale = (d: Date | null) => d === null || now.getTime() - d.getTime() > HOUR_MS;
  const seen = isAssignee && c.assigneeLastSeenAt && (!c.agentLastSeenAt || c.assigneeLastSeenAt < c.agentLastSeenAt) ? c.assigneeLastSeenAt : c.agentLastSeenAt;
  const due = stale(c.agentLastSeenAt) || (isAssignee && stale(c.assigneeLastSeenAt)) || (await countUnreadIncoming(db, { conversationId: c.id, since: seen })) > 0;
  if (!due) return { updated: false };
  await db.transaction(async (tx) => {
    await tx
      .update(conversations)
      .set({ agentLastSeenAt: now, ...(isAssignee && { assigneeLastSeenAt: now }) })
      .where(eq(conversations.id, c.id));
    // The visitor's live "Seen" mark (W2, E7): only when, never who — see CONTACT_ONLY_EVENTS.
    await appendEvent(tx, {
      accountId: c.accountId,
      type: "conversation.agent_seen",
      inboxId: c.inboxId,
      conversationId: c.id,
      contactInboxId: c.contactInboxId,
      payload: { id: c.displayId, agent_last_seen_at: epoch(now) },
    });
  });
  return { updated: true };
}

/**
 * C6 contact update_last_seen: turns the contact-visible outgoing/template messages sent up to
 * then `read`, and emits `conversation.read` (agents) and `message.updated` per message (E7). A
 * seen that has such replies to mark is always written; one with nothing to mark is written at
 * most once per 10 s per conversation — the throttle absorbs a chatty widget's repeats, never a
 * read. Concurrent tabs cannot both pass: the replies are locked, so a second tab waits and then
 * finds them read, and the conversation's update is then conditional.
 */
export async function updateContactLastSeen(
  db: Db,
  { conversationId, contactId, now = new Date() }: { conversationId: number; /** The caller's contact: another contact's conversation is a 404. */ contactId?: number; now?: Date },
): Promise<{ updated: boolean }> {
  const owned = and(eq(conversations.id, conversationId), contactId === undefined ? undefined : eq(conversations.contactId, contactId));
  return db.transaction(async (tx) => {
    const unread = await tx
      .select({ id: messages.id, status: messages.status })
      .from(messages)
      .where(
        and(
          inArray(messages.conversationId, tx.select({ id: conversations.id }).from(conversations).where(owned)),
          inArray(messages.messageType, ["outgoing", "template"]),
          eq(messages.private, false),
          inArray(messages.status, ["sent", "delivered"]),
          lte(messages.createdAt, now),
        ),
      )
      .for("update");
    const throttled = unread.length ? undefined : or(isNull(conversations.contactLastSeenAt), lte(conversations.contactLastSeenAt, new Date(now.getTime() - CONTACT_LAST_SEEN_THROTTLE_MS)));
    const [c] = await tx.update(conversations).set({ contactLastSeenAt: now }).where(and(owned, throttled)).returning();
    if (!c) {
      const [exists] = await tx.select({ id: conversations.id }).from(conversations).where(owned);
      if (!exists) throw AppError.notFound();
      return { updated: false };
    }
    await emitConversationEvents(tx, c, ["conversation.read"]);
    if (unread.length) {
      const read = await tx
        .update(messages)
        .set({ status: "read", updatedAt: sql`now()` })
        .where(
          inArray(
            messages.id,
            unread.map((m) => m.id),
          ),
        )
        .returning();
      const before = new Map(unread.map((m) => [m.id, m.status]));
      const pushes = await loadMessagePushes(tx, read);
      for (const push of pushes) await appendMessageUpdated(tx, c, push, { status: [before.get(push.id), "read"] });
    }
    return { updated: true };
  });
}

/**
 * POST …/unread: both agent last-seen columns move to one second before the last incoming message,
 * so that message counts as unread again (Chatwoot). Without incoming messages they are cleared.
 */
export async function markConversationUnread(db: Db, { accountId, conversationId }: { accountId?: number; conversationId: number }): Promise<void> {
  const where = accountId === undefined ? eq(conversations.id, conversationId) : and(eq(conversations.id, conversationId), eq(conversations.accountId, accountId));
  const lastIncoming = sql`(select max(m.created_at) - interval '1 second' from ${messages} m where m.conversation_id = ${conversations.id} and m.message_type = 'incoming')`;
  const updated = await db.update(conversations).set({ agentLastSeenAt: lastIncoming, assigneeLastSeenAt: lastIncoming }).where(where).returning({ id: conversations.id });
  if (!updated.length) throw AppError.notFound();
}
