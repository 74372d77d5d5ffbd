import type { Db } from "@/db/client";
import { assignBacklog } from "@/lib/assignment/assign-backlog";
import { resumeAssignment } from "@/lib/assignment/coordination-pause";
import { reopenDueSnoozed } from "@/lib/conversations/reopen-due-snoozed";
import { sweepPresence } from "@/lib/presence/presence-changes";
import { pruneEvents } from "@/lib/realtime/retention";
import { foldEventRollups } from "@/lib/reports/event-rollup";
import { foldMessageRollups } from "@/lib/reports/message-rollup";
import type { CoordinationStore } from "@/lib/redis/port";
import { env } from "@/lib/env";
import { pruneDeliveryLog } from "@/lib/webhooks/webhooks";
import { runWebhookPass } from "@/lib/webhooks/worker";

export type SweepReport = {
  /** C4: snoozed conversations reopened (each auto-assigned after its commit, A1). */
  reopened: number;
  /** P1/P2: accounts whose agents' presence appeared or expired (one presence.update each). */
  presenceChanges: number;
  /** A4: waiting conversations assigned, oldest first, up to 100 per inbox. */
  assigned: number;
  /** E5: outbox rows past retention. */
  pruned: number;
  /** Reports: the message rollup's watermark after this sweep's fold (lib/reports/message-rollup.ts). */
  rolledThrough: Date | null;
  /** WH2: webhook deliveries written and attempted by this sweep's pass (the worker loop's safety net). */
  webhooks: { fannedOut: number; attempted: number };
  /** Steps that failed (the others still ran). */
  errors: string[];
};

const LOCK = "maintenance:sweep";

/**
 * The periodic maintenance pass (every 30 s: a cron calling POST /api/internal/sweep, or the in-process
 * timer of a single-instance install). Each step runs on its own and a failure is reported, not
 * thrown: with Redis down (R2) snoozes still reopen and retention still prunes, and assignment waits
 * for a sweep that can reach the store.
 *
 * The store-backed steps run under a lock so two instances' sweeps do not announce the same presence
 * change twice; a sweep that finds the lock held skips them (the holder is doing that work now).
 */
export async function runSweep(db: Db, { now = new Date(), store }: { now?: Date; store: CoordinationStore }): Promise<SweepReport> {
  const report: SweepReport = { reopened: 0, presenceChanges: 0, assigned: 0, pruned: 0, rolledThrough: null, webhooks: { fannedOut: 0, attempted: 0 }, errors: [] };
  const step = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      report.errors.push(`${name}: ${(err as Error).message}`);
      console.warn(`sweep: ${name} failed (${(err as Error).message})`);
    }
  };

  await step("snoozed", async () => {
    report.reopened = await reopenDueSnoozed(db, now);
  });
  await step("assignment", async () => {
    const token = await store.acquireLock(LOCK, 60_000);
    if (!token) return;
    try {
      report.presenceChanges = (await sweepPresence(db, store, now)).changes.length;
      report.assigned = (await assignBacklog(db, { now, store })).assigned;
      resumeAssignment(); // the store answers again: after-commit assignment need not wait any longer
    } finally {
      await store.releaseLock(LOCK, token).catch(() => undefined);
    }
  });
  await step("retention", async () => {
    report.pruned = await pruneEvents(db, { now });
  });
  await step("reports", async () => {
    report.rolledThrough = (await foldMessageRollups(db, now)).through;
    await foldEventRollups(db, now);
  });
  await step("webhooks", async () => {
    report.webhooks = await runWebhookPass(db, { allowPrivate: env().WEBHOOK_ALLOW_PRIVATE, budgetMs: 10_000 });
    await pruneDeliveryLog(db);
  });
  return report;
}
