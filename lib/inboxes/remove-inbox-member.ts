import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, inboxMembers } from "@/db/schema";
import { backlogAfterCommit } from "@/lib/assignment/after-commit";
import { roundRobinQueue } from "@/lib/assignment/keys";
import { SYSTEM } from "@/lib/conversations/actor";
import { applyAssignment } from "@/lib/conversations/apply-assignment";
import { coordination } from "@/lib/redis";
import type { MemberChange } from "./add-inbox-member";

/**
 * A5: removes a member from the inbox and its round-robin queue, and returns their open conversations
 * in that inbox to auto-assignment: each is unassigned in the same transaction as the removal (an
 * activity message and `assignee.changed`, C8), then the inbox's backlog runs after commit, oldest
 * waiting first (A4). Their pending, snoozed and resolved conversations keep the assignee; when one
 * reopens, A1 sees an assignee who left the inbox and assigns it again.
 *
 * Lock order is membership row → conversation rows, the same as auto-assignment's claim, so an
 * assignment to this agent either finishes first (and is unassigned here) or finds them gone.
 * Returns the conversations that were unassigned; removing a non-member changes nothing.
 */
export async function removeInboxMember(db: Db, { accountId, inboxId, userId, now = new Date(), store = coordination() }: MemberChange): Promise<{ removed: boolean; unassigned: number[] }> {
  const result = await db.transaction(async (tx) => {
    const removed = await tx
      .delete(inboxMembers)
      .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, userId)))
      .returning({ id: inboxMembers.id });
    if (removed.length === 0) return { removed: false, unassigned: [] };
    const open = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.accountId, accountId), eq(conversations.inboxId, inboxId), eq(conversations.status, "open"), eq(conversations.assigneeId, userId)))
      .orderBy(asc(conversations.id))
      .for("update");
    for (const conversation of open) await applyAssignment(tx, conversation, { assigneeId: null, actor: SYSTEM, now });
    return { removed: true, unassigned: open.map((c) => c.id) };
  });
  if (!result.removed) return result;
  await store.roundRobinRemove(roundRobinQueue(inboxId), String(userId)).catch((err: unknown) => {
    console.warn(`assignment: queue of inbox ${inboxId} will be rebuilt on next use (${(err as Error).message})`);
  });
  if (result.unassigned.length > 0) await backlogAfterCommit(db, { inboxIds: [inboxId], now, store });
  return result;
}
