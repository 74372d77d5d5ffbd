import { refuseWithoutCronSecret } from "@/lib/auth/cron-secret";
import type { Db } from "@/db/client";
import type { CoordinationStore } from "@/lib/redis/port";
import { runSweep } from "./run-sweep";

export type SweepHandlerDeps = {
  /** CRON_SECRET; unset disables the route (404), so an install without a cron exposes nothing. */
  secret: () => string | undefined;
  db: () => Promise<Db>;
  store: () => CoordinationStore;
  /** Called after a sweep that may have written events (realtime delivery after commit, E2). */
  afterSweep?: () => void;
};

/**
 * The cron entry point: `Authorization: Bearer <CRON_SECRET>` (what Vercel Cron sends), else 401.
 * Compared through SHA-256 digests in constant time, so neither timing nor length leaks the secret.
 */
export function createSweepHandler(deps: SweepHandlerDeps): (req: Request) => Promise<Response> {
  return async (req) => {
    const refusal = refuseWithoutCronSecret(req, deps.secret());
    if (refusal) return refusal;
    const report = await runSweep(await deps.db(), { store: deps.store() });
    deps.afterSweep?.();
    return Response.json(report);
  };
}
