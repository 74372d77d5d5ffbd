import type { Db } from "@/db/client";
import type { Conversation } from "@/db/schema";
import { afterStatusChange, capacityFreedAfterCommit } from "@/lib/assignment/after-commit";
import { teamAutoAssignAfterCommit } from "@/lib/assignment/team-assign";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { applyBulkBatch, type BatchOutcome, type Before, type BulkStep } from "./bulk-batch";

export type BulkResult = { updated: number; unchanged: number; skipped: number; failed: number; errors: { id: number; message: string }[] };

/** Conversations per transaction, and transactions at a time: big enough to share the statements, small enough not to hold many locks long. */
const BATCH = 100;
const PARALLEL = 2;

/**
 * Runs the steps over the conversations batch by batch (applyBulkBatch: one transaction each), then
 * the hooks one-at-a-time changes run after their commit: auto-assignment of a reopened
 * conversation (A1), the backlog of an inbox whose agent freed a place (A4, once per inbox and batch:
 * it assigns as much as the freed capacity allows) and team auto-assignment (WF2).
 */
export async function runBulkSteps(
  db: Db,
  { accountId, targets, steps, actor }: { accountId: number; targets: { id: number; displayId: number }[]; steps: BulkStep[]; actor: Actor },
): Promise<BulkResult> {
  const result: BulkResult = { updated: 0, unchanged: 0, skipped: 0, failed: 0, errors: [] };
  if (!steps.length) return result;
  const batches: { id: number; displayId: number }[][] = [];
  for (let i = 0; i < targets.length; i += BATCH) batches.push(targets.slice(i, i + BATCH));
  const lane = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let outcome: BatchOutcome;
      try {
        outcome = await applyBulkBatch(db, { accountId, ids: batch.map((c) => c.id), steps, actor });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        outcome = { changed: [], unchanged: 0, failed: batch.map((c) => ({ displayId: c.displayId, message: err.message })) };
      }
      result.updated += outcome.changed.length;
      result.unchanged += outcome.unchanged;
      result.failed += outcome.failed.length;
      for (const f of outcome.failed) if (result.errors.length < 20) result.errors.push({ id: f.displayId, message: f.message });
      await afterCommit(db, outcome.changed);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return result;
}

async function afterCommit(db: Db, changed: { conversation: Conversation; before: Before }[]): Promise<void> {
  const now = new Date();
  const freed = new Set<number>();
  const current: Conversation[] = [];
  for (const { conversation: c, before } of changed) {
    if (before.status !== "open" && c.status === "open") current.push(await afterStatusChange(db, c, before, now));
    else {
      current.push(c);
      const leftOpen = before.status === "open" && c.status !== "open" && before.assigneeId !== null;
      const movedAway = c.status === "open" && before.status === "open" && before.assigneeId !== null && before.assigneeId !== c.assigneeId;
      if (leftOpen || movedAway) freed.add(c.inboxId);
    }
  }
  for (const inboxId of freed) await capacityFreedAfterCommit(db, { inboxId, now });
  for (const [i, c] of current.entries()) if (c.teamId !== changed[i]!.before.teamId) await teamAutoAssignAfterCommit(db, c, now);
}
