import { refuseWithoutCronSecret } from "@/lib/auth/cron-secret";
import type { Hub } from "./hub";

export type DrainHandlerDeps = {
  /** CRON_SECRET; unset disables the route (404), as the sweep does: no secret, nothing exposed. */
  secret: () => string | undefined;
  hub: () => Promise<Hub>;
};

/**
 * POST /api/internal/streams/drain: closes every event stream this process holds (before a deploy
 * or a restart, and in the end-to-end journey that proves resume). Clients reconnect with
 * Last-Event-ID and miss nothing (E5). `Authorization: Bearer <CRON_SECRET>`, compared through
 * SHA-256 digests in constant time like the sweep, else 401.
 */
export function createDrainHandler(deps: DrainHandlerDeps): (req: Request) => Promise<Response> {
  return async (req) => {
    const refusal = refuseWithoutCronSecret(req, deps.secret());
    if (refusal) return refusal;
    const hub = await deps.hub();
    return Response.json({ closed: hub.closeAll?.() ?? 0 });
  };
}
