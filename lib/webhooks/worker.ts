import type { Db } from "@/db/client";
import { relayEvents } from "@/lib/realtime/relay";
import { deliverDue, type DeliverOptions } from "./deliver";
import { fanOutEvents } from "./fan-out";

/** How often each server process looks for new events and due deliveries. */
export const WEBHOOK_TICK_MS = 1_000;

/**
 * One pass of the webhook pipeline (WH2): position committed events (the relay is safe to run from
 * anywhere), fan new ones out into delivery rows, then send whatever is due. Any number of processes
 * may run passes at once: the fan-out takes its cursor with SKIP LOCKED and deliveries are claimed
 * with SKIP LOCKED under a lease.
 */
export async function runWebhookPass(db: Db, opts: DeliverOptions & { budgetMs?: number }): Promise<{ fannedOut: number; attempted: number }> {
  await relayEvents(db);
  const fannedOut = await fanOutEvents(db);
  const attempted = await deliverDue(db, opts);
  return { fannedOut, attempted };
}

const globalForWorker = globalThis as unknown as { __parleyWebhookWorker?: ReturnType<typeof setInterval> };

/**
 * The worker loop inside every server process (started from instrumentation.ts), beside the sweep
 * that runs a pass as a safety net. A tick never overlaps the last and the timer never keeps the
 * process alive. Returns whether this call started it.
 */
export function startWebhookWorker(deps: { db: () => Promise<Db>; allowPrivate: boolean; intervalMs?: number }): boolean {
  if (globalForWorker.__parleyWebhookWorker) return false;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runWebhookPass(await deps.db(), { allowPrivate: deps.allowPrivate, budgetMs: 10_000 });
    } catch (err) {
      console.warn(`webhooks: pass failed (${(err as Error).message})`);
    } finally {
      running = false;
    }
  };
  globalForWorker.__parleyWebhookWorker = setInterval(() => void tick(), deps.intervalMs ?? WEBHOOK_TICK_MS);
  globalForWorker.__parleyWebhookWorker.unref();
  return true;
}

export function stopWebhookWorker(): void {
  if (globalForWorker.__parleyWebhookWorker) clearInterval(globalForWorker.__parleyWebhookWorker);
  globalForWorker.__parleyWebhookWorker = undefined;
}
