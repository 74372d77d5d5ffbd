import { isInternalEvent } from "./event-types";
import type { StreamEvent } from "./relay";

/**
 * E8: the per-instance cache of the look-ups every request repeats — who a credential is (api token or
 * session → users row) and that user's membership of an account — invalidated by the event stream, not
 * by a TTL. Every change to those rows writes an internal outbox event in its own transaction (database
 * triggers, db/migrations/0016), so each instance drops what it holds as soon as its hub reads that
 * event: a revoked token or a removed membership stops working on every instance within one event.
 *
 * The cache trusts the stream only while its hub keeps reading: it serves entries only if a delivery
 * pass succeeded within `staleAfterMs` (the hub polls every second, so a hub that cannot read — the
 * database down, the process hub never started — turns the cache off and every look-up goes to the
 * database). A fill that raced an invalidation is not stored: each fill remembers the generation it
 * started in, and any invalidation since bumps the generation.
 */
export type LookupCache = {
  /** Feed every successful delivery pass (its events may be empty): invalidates, and proves the stream is live. */
  observe(events: readonly StreamEvent[]): void;
  /** The value under `key`, or `load()`'s (stored when the stream is live and nothing was invalidated meanwhile). */
  get<T>(kind: CacheKind, key: string, userId: (value: T) => number | null, load: () => Promise<T | undefined>): Promise<T | undefined>;
  /** True while the hub has read within `staleAfterMs`. */
  readonly live: boolean;
  readonly size: number;
  clear(): void;
};

export type CacheKind = "user" | "membership";

type Entry = { kind: CacheKind; value: unknown; userId: number | null; accountId: number | null };

export function createLookupCache(opts: { maxEntries?: number; staleAfterMs?: number; now?: () => number } = {}): LookupCache {
  const max = opts.maxEntries ?? 2000;
  const staleAfterMs = opts.staleAfterMs ?? 3000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let generation = 0;
  let lastPassAt = -Infinity;

  const live = () => now() - lastPassAt <= staleAfterMs;

  function invalidate(e: StreamEvent) {
    const p = e.payload as { user_id?: unknown; account_id?: unknown };
    const userId = typeof p.user_id === "number" ? p.user_id : null;
    generation++;
    if (e.type === "internal.account_changed") {
      for (const [k, v] of entries) if (v.accountId === e.accountId) entries.delete(k);
    } else if (userId !== null) {
      for (const [k, v] of entries) if (v.userId === userId) entries.delete(k);
    } else {
      entries.clear();
    }
  }

  return {
    observe(events) {
      for (const e of events) if (isInternalEvent(e.type)) invalidate(e);
      lastPassAt = now();
    },
    async get<T>(kind: CacheKind, key: string, userIdOf: (value: T) => number | null, load: () => Promise<T | undefined>) {
      const full = `${kind}:${key}`;
      if (!live()) {
        if (entries.size) entries.clear();
        return load();
      }
      const hit = entries.get(full);
      if (hit) {
        // LRU-ish: a hit moves to the back of the eviction order.
        entries.delete(full);
        entries.set(full, hit);
        return hit.value as T;
      }
      const started = generation;
      const value = await load();
      // Only positive answers are kept (a refusal is never cached), and only if nothing was invalidated meanwhile.
      if (value !== undefined && started === generation && live()) {
        const accountId = (value as { account?: { id?: unknown } }).account?.id;
        entries.set(full, { kind, value, userId: userIdOf(value), accountId: typeof accountId === "number" ? accountId : null });
        if (entries.size > max) entries.delete(entries.keys().next().value!);
      }
      return value;
    },
    get live() {
      return live();
    },
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
      generation++;
    },
  };
}

// The process's cache, fed by the process hub once `enableLookupCache` has been called (the server
// does at start-up; tests and scripts that do not, read the database every time).
const globalForCache = globalThis as unknown as { __parleyLookupCache?: LookupCache };

/** The process's lookup cache, or undefined when it is not enabled in this process. */
export function processLookupCache(): LookupCache | undefined {
  return globalForCache.__parleyLookupCache;
}

/** Turns the process cache on (undefined turns it off); the process hub feeds it (lib/realtime/process-hub.ts). */
export function installLookupCache(cache: LookupCache | undefined): void {
  globalForCache.__parleyLookupCache = cache;
}

/** `load()` through `cache` (the process cache by default) when there is one, else straight to the database. */
export function cachedLookup<T>(
  kind: CacheKind,
  key: string,
  userIdOf: (value: T) => number | null,
  load: () => Promise<T | undefined>,
  cache: LookupCache | undefined = processLookupCache(),
): Promise<T | undefined> {
  return cache ? cache.get(kind, key, userIdOf, load) : load();
}
