import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, conversations, inboxes, inboxMembers, type Availability, type Conversation } from "@/db/schema";
import { coordination } from "@/lib/redis";
import type { CoordinationStore } from "@/lib/redis/port";
import { dropCandidate, noteAssigned, poolOf, type AssignmentPool } from "./assignment-pool";
import { chooseAgent } from "./choose-agent";
import { claimForAgent } from "./claim-for-agent";
import { fairDistributionKey } from "./keys";

export type AssignOptions = { store?: CoordinationStore };

/**
 * A1: assigns an open conversation that has nobody (or an assignee who left the inbox) to the next
 * eligible agent of its inbox, if the inbox has auto-assignment on. Returns the assigned conversation,
 * or null when nothing was done: not open, already assigned, auto-assignment off, nobody eligible,
 * or a manual claim won the race. Throws when the coordination store is unreachable — callers that
 * must not fail use `autoAssignAfterCommit` (lib/assignment/after-commit.ts).
 */
export async function autoAssign(db: Db, conversationId: number, now: Date = new Date(), opts: AssignOptions = {}): Promise<Conversation | null> {
  const store = opts.store ?? coordination();
  const [row] = await db
    .select({
      status: conversations.status,
      inbox: { id: inboxes.id, accountId: inboxes.accountId, enableAutoAssignment: inboxes.enableAutoAssignment, autoAssignmentConfig: inboxes.autoAssignmentConfig },
      needsAssignee: sql<boolean>`(${conversations.assigneeId} is null or not exists (select 1 from ${inboxMembers} where ${inboxMembers.inboxId} = ${conversations.inboxId} and ${inboxMembers.userId} = ${conversations.assigneeId}))`,
      members: membersOfInbox,
    })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(eq(conversations.id, conversationId));
  if (!row || row.status !== "open" || !row.inbox.enableAutoAssignment || !row.needsAssignee) return null;
  const members = row.members.map(([userId, availability, autoOffline]) => ({ userId, availability, autoOffline }));
  const pool = await poolOf(db, row.inbox, members);
  return assignFromPool(db, store, pool, conversationId, now);
}

/**
 * The conversation's inbox members with their chosen availability, in joining order, read in
 * autoAssign's one statement (B6: conversation, inbox, A1's "needs somebody" and A2's members in one
 * round trip).
 */
const membersOfInbox = sql<[number, Availability, boolean][]>`coalesce((
  select json_agg(json_build_array(m.user_id, au.availability, au.auto_offline) order by m.id)
  from ${inboxMembers} m join ${accountUsers} au on au.account_id = m.account_id and au.user_id = m.user_id
  where m.inbox_id = ${inboxes.id}), '[]'::json)`;

/**
 * Chooses and claims with a pool already loaded (shared by autoAssign and the backlog). An agent
 * found unavailable under the lock (left the inbox, or full) is dropped and the next one tried; a
 * turn taken for a conversation someone else claimed first is simply lost.
 */
export async function assignFromPool(db: Db, store: CoordinationStore, pool: AssignmentPool, conversationId: number, now: Date): Promise<Conversation | null> {
  while (pool.candidates.length > 0) {
    const userId = await chooseAgent(store, pool, now);
    if (userId === null) return null;
    const result = await claimForAgent(db, pool, { conversationId, userId, now });
    if (result.kind === "not_needed") return null;
    if (result.kind === "agent_unavailable") {
      dropCandidate(pool, userId);
      continue;
    }
    noteAssigned(pool, userId);
    await recordAssignment(store, pool, userId, conversationId, now);
    return result.conversation;
  }
  return null;
}

/**
 * Counted for fair distribution only once the assignment has committed, so a rollback never leaves
 * a phantom count. If the store fails right here the assignment stands and the count is one short
 * for one window — better than failing a committed assignment.
 */
async function recordAssignment(store: CoordinationStore, pool: AssignmentPool, userId: number, conversationId: number, now: Date): Promise<void> {
  try {
    await store.windowRecord(fairDistributionKey(pool.inbox.id, userId), String(conversationId), now.getTime(), pool.config.fairWindowMs);
  } catch (err) {
    console.warn(`assignment: fair-distribution count not recorded for conversation ${conversationId} (${(err as Error).message})`);
  }
}
