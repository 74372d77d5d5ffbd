import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, conversations, inboxMembers, users, type Conversation } from "@/db/schema";
import { toLocale } from "@/lib/i18n/locales";
import { SYSTEM } from "@/lib/conversations/actor";
import { applyAssignment } from "@/lib/conversations/apply-assignment";
import { lockConversationById } from "@/lib/conversations/lock-conversation";
import type { AssignmentPool } from "./assignment-pool";

export type ClaimResult =
  | { kind: "assigned"; conversation: Conversation }
  /** Someone got there first, or it is no longer open: nothing to do, and no error (a lost race). */
  | { kind: "not_needed" }
  /** The chosen agent left the inbox or is full now: try another. */
  | { kind: "agent_unavailable" };

/** True when the conversation is open and has nobody, or somebody who is no longer an inbox member (A1). */
export async function needsAssignee(db: Db, c: Pick<Conversation, "status" | "assigneeId" | "inboxId">): Promise<boolean> {
  if (c.status !== "open") return false;
  if (c.assigneeId === null) return true;
  const [member] = await db
    .select({ id: inboxMembers.id })
    .from(inboxMembers)
    .where(and(eq(inboxMembers.inboxId, c.inboxId), eq(inboxMembers.userId, c.assigneeId)));
  return !member;
}

/**
 * The engine's claim path for auto-assignment (C5): one transaction that locks the agent's
 * membership row, then the conversation row, re-checks everything under the locks and assigns with
 * the activity message and `assignee.changed`. An existing assignee who is still a member is never
 * overwritten, so a manual claim that commits first always wins.
 *
 * Lock order is membership → conversation, the same as removeInboxMember, so the two cannot
 * deadlock, and a member being removed either waits for this assignment (and then unassigns it) or
 * has already gone (and this agent is skipped). With max_assignment_limit the membership row is
 * locked exclusively, which serialises this agent's assignments in this inbox so the open count
 * read here is exact under concurrency; without a limit a KEY SHARE lock lets them run in parallel.
 * The membership statement also reads the agent's name and the account's locale for the activity
 * message (B6: two statements fewer in the locked part); only the membership row is locked.
 */
export async function claimForAgent(db: Db, pool: AssignmentPool, { conversationId, userId, now }: { conversationId: number; userId: number; now: Date }): Promise<ClaimResult> {
  const limit = pool.config.maxAssignmentLimit;
  return db.transaction(async (tx): Promise<ClaimResult> => {
    const [member] = await tx
      .select({ id: inboxMembers.id, name: users.name, displayName: users.displayName, locale: accounts.locale })
      .from(inboxMembers)
      .innerJoin(users, eq(users.id, inboxMembers.userId))
      .innerJoin(accounts, eq(accounts.id, inboxMembers.accountId))
      .where(and(eq(inboxMembers.inboxId, pool.inbox.id), eq(inboxMembers.userId, userId)))
      .for(limit === null ? "key share" : "update", { of: inboxMembers });
    if (!member) return { kind: "agent_unavailable" };
    const conversation = await lockConversationById(tx, { conversationId });
    if (conversation.inboxId !== pool.inbox.id || !(await needsAssignee(tx, conversation))) return { kind: "not_needed" };
    if (pool.teamId !== undefined && conversation.teamId !== pool.teamId) return { kind: "not_needed" };
    if (limit !== null) {
      const [row] = await tx
        .select({ n: count() })
        .from(conversations)
        .where(and(eq(conversations.accountId, pool.inbox.accountId), eq(conversations.inboxId, pool.inbox.id), eq(conversations.status, "open"), eq(conversations.assigneeId, userId)));
      if (Number(row?.n ?? 0) >= limit) return { kind: "agent_unavailable" };
    }
    await applyAssignment(tx, conversation, {
      assigneeId: userId,
      actor: SYSTEM,
      now,
      known: { assignee: { name: member.name, displayName: member.displayName }, locale: toLocale(member.locale) },
    });
    return { kind: "assigned", conversation };
  });
}
