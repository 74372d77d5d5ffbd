import type { Logger } from "@/lib/observability/logger";
import type { ParleyServer } from "./http-server";

/**
 * SIGTERM/SIGINT for the production server (docs/operations.md "Deploying"): drain within `graceMs`
 * after `delayMs` (ParleyServer.shutdown), then close the resources in order within CLOSE_BUDGET_MS
 * together — one that hangs uses up the budget, is abandoned and the rest are skipped, so nothing can
 * hold the exit — and exit 0: a requested stop that ran its course is a success. A second signal while
 * draining changes nothing; the platform's SIGKILL remains the last word.
 */
export type Closer = [name: string, close: () => Promise<unknown>];

export const CLOSE_BUDGET_MS = 1_000;

export function exitOnSignals(parley: ParleyServer, opts: { graceMs: number; delayMs?: number; log: Logger; closers: () => Promise<Closer[]>; exit?: (code: number) => void }): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const { log, graceMs, delayMs = 0 } = opts;
    log.info({ signal, graceMs, delayMs }, "draining: health answers 503, streams end, requests in flight may finish");
    const { streams, forced } = await parley.shutdown(graceMs, delayMs);
    log.info({ streams, forced }, forced > 0 ? "grace over: remaining connections destroyed" : "drained");
    const until = Date.now() + CLOSE_BUDGET_MS;
    for (const [name, close] of await opts.closers()) {
      const left = until - Date.now();
      if (left <= 0) {
        log.warn(`shutdown: ${name} not closed (no time left)`);
        continue;
      }
      await bounded(close(), left).catch((err: unknown) => log.warn({ err: String(err) }, `shutdown: ${name} not closed cleanly`));
    }
    log.info("stopped");
    log.flush();
    (opts.exit ?? process.exit)(0);
  };
  process.on("SIGTERM", (s) => void stop(s));
  process.on("SIGINT", (s) => void stop(s));
}

function bounded(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
