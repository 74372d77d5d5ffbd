import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inboxes, type Conversation, type ConversationStatus } from "@/db/schema";
import type { CoordinationStore } from "@/lib/redis/port";
import { assignBacklog } from "./assign-backlog";
import { autoAssign } from "./auto-assign";
import { assignmentPaused, CoordinationUnavailableError, pauseAssignment } from "./coordination-pause";
import { assignmentConfigOf } from "./keys";

/**
 * The engine's hooks into auto-assignment (A1, A4). They run AFTER the transaction that opened the
 * conversation has committed, in a transaction of their own, never inside it:
 * - choosing an agent moves the round-robin queue in the coordination store, which is outside the
 *   database transaction; if the opening transaction rolled back after the choice, the turn would be
 *   spent (and a fair-distribution count recorded) for an assignment that never happened;
 * - R2: with Redis down the store fails (within its deadline); inside the transaction that would fail
 *   or stall the request that creates the conversation or accepts the message, and hold its row
 *   locks meanwhile. After commit the conversation and message are already stored, and assignment
 *   simply waits for the backlog sweep;
 * - the claim re-checks under its own row lock, so a manual claim that lands in between wins and the
 *   auto-assignment becomes a no-op instead of overwriting it (C5).
 * These functions never throw: a coordination or assignment failure is logged and left to the sweep,
 * and after a coordination failure they skip assignment for a few seconds (coordination-pause.ts).
 * (If a caller passes a transaction as `db`, the hook runs inside it — callers should not.)
 */
export async function autoAssignAfterCommit(db: Db, conversation: Conversation, now: Date): Promise<Conversation> {
  if (conversation.status !== "open" || assignmentPaused()) return conversation;
  try {
    return (await autoAssign(db, conversation.id, now)) ?? conversation;
  } catch (err) {
    leftForSweep(`conversation ${conversation.id}`, err);
    return conversation;
  }
}

function leftForSweep(what: string, err: unknown): void {
  if (err instanceof CoordinationUnavailableError) pauseAssignment();
  console.warn(`assignment: ${what} left for the backlog sweep (${(err as Error).message})`);
}

/** What a conversation was before a change, for `afterStatusChange`. */
export type Previous = { status: ConversationStatus; assigneeId: number | null };

/**
 * After a committed status change: a conversation that became open is auto-assigned (A1); one that
 * stopped being open while assigned freed a place for its agent, so the inbox's backlog runs (A4).
 * Returns the conversation as it is now.
 */
export async function afterStatusChange(db: Db, conversation: Conversation, previous: Previous, now: Date): Promise<Conversation> {
  if (previous.status !== "open" && conversation.status === "open") return autoAssignAfterCommit(db, conversation, now);
  if (previous.status === "open" && conversation.status !== "open" && previous.assigneeId !== null) {
    await capacityFreedAfterCommit(db, { inboxId: conversation.inboxId, now });
  }
  return conversation;
}

/**
 * A4 "frees capacity": an agent's open conversation was resolved, snoozed, set pending or moved to
 * someone else. Only max_assignment_limit makes that matter — the fair-distribution window counts
 * assignments made, which a resolution does not undo — so without a limit nothing runs.
 */
export async function capacityFreedAfterCommit(db: Db, { inboxId, now }: { inboxId: number; now: Date }): Promise<void> {
  if (assignmentPaused()) return;
  try {
    const [inbox] = await db.select({ enabled: inboxes.enableAutoAssignment, config: inboxes.autoAssignmentConfig }).from(inboxes).where(eq(inboxes.id, inboxId));
    if (!inbox?.enabled || assignmentConfigOf({ autoAssignmentConfig: inbox.config }).maxAssignmentLimit === null) return;
    await assignBacklog(db, { inboxId, now });
  } catch (err) {
    leftForSweep(`backlog of inbox ${inboxId}`, err);
  }
}

/** A4 "comes online": the backlog of the given inboxes, never throwing. */
export async function backlogAfterCommit(db: Db, { inboxIds, now, store }: { inboxIds: number[]; now: Date; store?: CoordinationStore }): Promise<number> {
  let assigned = 0;
  for (const inboxId of inboxIds) {
    if (assignmentPaused()) break;
    try {
      assigned += (await assignBacklog(db, { inboxId, now, store })).assigned;
    } catch (err) {
      leftForSweep(`backlog of inbox ${inboxId}`, err);
    }
  }
  return assigned;
}
