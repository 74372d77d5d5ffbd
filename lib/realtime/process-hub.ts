import { getDb } from "@/db/client";
import { coordination } from "@/lib/redis";
import { createHub, type Hub } from "./hub";
import { createLookupCache, installLookupCache, processLookupCache } from "./lookup-cache";

// One hub per process, kept across hot reloads in development (two hubs would each poll and read).
const globalForHub = globalThis as unknown as { __parleyRealtimeHub?: Promise<Hub> };

/** The process's realtime hub over the process's database and coordination store. */
export function realtimeHub(): Promise<Hub> {
  globalForHub.__parleyRealtimeHub ??= getDb()
    // Every delivery pass feeds the lookup cache (E8), when the process has one.
    .then((db) => createHub({ db, store: coordination(), onRead: (events) => processLookupCache()?.observe(events) }))
    .catch((err: unknown) => {
      globalForHub.__parleyRealtimeHub = undefined;
      throw err;
    });
  return globalForHub.__parleyRealtimeHub;
}

/**
 * Stops the process's hub, if one was started, and forgets it (the next use starts a new one). Call it
 * before closing the database the hub reads, or its poll queries a closed pool.
 */
export async function closeRealtimeHub(): Promise<void> {
  const hub = globalForHub.__parleyRealtimeHub;
  globalForHub.__parleyRealtimeHub = undefined;
  await hub?.then(
    (h) => h.close(),
    () => undefined,
  );
}

/** Installs a hub (tests and scripts that bring their own database and store); undefined forgets it. */
export function installRealtimeHub(hub: Hub | undefined): void {
  globalForHub.__parleyRealtimeHub = hub ? Promise.resolve(hub) : undefined;
}

/**
 * Call after a transaction that wrote events has committed (E2). Fire and forget: delivery problems
 * are logged and retried by the hub's poll, never thrown into the request.
 */
export function kickRealtime(): Promise<void> {
  return realtimeHub().then(
    (hub) => hub.kick(),
    (err: unknown) => console.warn(`realtime: hub unavailable (${err instanceof Error ? err.message : String(err)})`),
  );
}

/** The process's hub if it has started, without starting it (metrics, health). */
export function startedRealtimeHub(): Promise<Hub> | undefined {
  return globalForHub.__parleyRealtimeHub;
}

/**
 * E8: turns on the process's lookup cache (the server does at start-up, instrumentation.ts) and starts
 * the hub that feeds it; until the hub's first pass the cache stays off and look-ups read the database.
 */
export function enableLookupCache(): void {
  if (!processLookupCache()) installLookupCache(createLookupCache());
  realtimeHub().catch((err: unknown) => console.warn(`realtime: hub not started for the lookup cache (${err instanceof Error ? err.message : String(err)})`));
}

/**
 * E8: after a committed change to a user, a membership or an account, this instance reads its own
 * invalidation before answering, so the caller's next request here sees the change (other instances
 * see it within one event). Nothing to do when the process has no cache.
 */
export async function settleLookupCache(): Promise<void> {
  if (processLookupCache()) await kickRealtime();
}
