import { getDb } from "@/db/client";
import { kickRealtime } from "@/lib/realtime/process-hub";
import { coordination } from "@/lib/redis";
import { runSweep } from "./run-sweep";

export const SWEEP_INTERVAL_MS = 30_000;

// One timer per process: hot reload re-runs modules, and two timers would sweep twice as often.
const globalForSweeper = globalThis as unknown as { __parleySweeper?: ReturnType<typeof setInterval> };

/**
 * The periodic sweep inside the process, for single-instance installs (the embedded default, or any
 * install on the in-process coordination store, which is single-instance by definition). Installs on
 * Redis run several instances and call POST /api/internal/sweep from a cron instead. Started from
 * instrumentation.ts; the timer never keeps the process alive and a tick never overlaps the last.
 * Returns whether this call started it.
 */
export function startEmbeddedSweeper(intervalMs = SWEEP_INTERVAL_MS): boolean {
  if (globalForSweeper.__parleySweeper) return false;
  if (coordination().kind !== "memory") return false;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const report = await runSweep(await getDb(), { store: coordination() });
      if (report.reopened || report.presenceChanges || report.assigned) void kickRealtime();
    } catch (err) {
      console.warn(`sweep: failed (${(err as Error).message})`);
    } finally {
      running = false;
    }
  };
  globalForSweeper.__parleySweeper = setInterval(() => void tick(), intervalMs);
  globalForSweeper.__parleySweeper.unref();
  return true;
}

export function stopEmbeddedSweeper(): void {
  if (globalForSweeper.__parleySweeper) clearInterval(globalForSweeper.__parleySweeper);
  globalForSweeper.__parleySweeper = undefined;
}
