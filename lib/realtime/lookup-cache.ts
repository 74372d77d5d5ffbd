import { isInternalEvent } from "./event-types";
import type { StreamEvent } from "./relay";

/**
 * E8: the per-instance cache of the look-ups every request repeats — who a credential is (api token or
 * session → users row), that user's membership of an account, and a Client API path's inbox, web widget,
 * contact_inbox and contact — invalidated by the event stream, not by a TTL. Every change to those rows
 * writes an internal outbox event in its own transaction (database triggers, db/migrations/0018 and
 * 0021), so each instance drops what it holds as soon as its hub reads that event: a revoked token or a
 * removed membership stops working on every instance within one event. Each entry carries tags (`user:7`,
 * `account:2`, `inbox:5`, `contact_inbox:9`); an event drops the entries carrying the tag it names.
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
  get<T>(kind: CacheKind, key: string, tagsOf: (value: T) => readonly string[], load: () => Promise<T | undefined>): Promise<T | undefined>;
  /** Drops one entry (its holder found it out of date, e.g. the write that used it said so). */
  forget(kind: CacheKind, key: string): void;
  /** True while the hub has read within `staleAfterMs`. */
  readonly live: boolean;
  readonly size: number;
  clear(): void;
};

export type CacheKind = "user" | "membership" | "public_contact";

type Entry = { value: unknown; tags: readonly string[] };

/**
 * The tag an internal event names, or null (an event this cache does not know drops everything):
 * `internal.account_changed` → `account:<id>`; user and membership events → `user:<id>`;
 * `internal.inbox_changed` (inbox or web widget) → `inbox:<id>`; `internal.contact_inbox_changed` →
 * `contact_inbox:<id>`.
 */
function eventTag(e: StreamEvent): string | null {
  const p = e.payload as Record<string, unknown>;
  const id = (key: string) => (typeof p[key] === "number" ? (p[key] as number) : null);
  const tag = (prefix: string, value: number | null) => (value === null ? null : `${prefix}:${value}`);
  switch (e.type) {
    case "internal.account_changed":
      return tag("account", e.accountId);
    case "internal.user_changed":
    case "internal.membership_changed":
      return tag("user", id("user_id"));
    case "internal.inbox_changed":
      return tag("inbox", id("inbox_id"));
    case "internal.contact_inbox_changed":
      return tag("contact_inbox", id("contact_inbox_id"));
    default:
      return null;
  }
}

export function createLookupCache(opts: { maxEntries?: number; staleAfterMs?: number; now?: () => number } = {}): LookupCache {
  const max = opts.maxEntries ?? 2000;
  const staleAfterMs = opts.staleAfterMs ?? 3000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let generation = 0;
  let lastPassAt = -Infinity;

  const live = () => now() - lastPassAt <= staleAfterMs;

  function invalidate(e: StreamEvent) {
    const tag = eventTag(e);
    generation++;
    if (tag === null) entries.clear();
    else for (const [k, v] of entries) if (v.tags.includes(tag)) entries.delete(k);
  }

  return {
    observe(events) {
      for (const e of events) if (isInternalEvent(e.type)) invalidate(e);
      lastPassAt = now();
    },
    async get<T>(kind: CacheKind, key: string, tagsOf: (value: T) => readonly string[], load: () => Promise<T | undefined>) {
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
        entries.set(full, { value, tags: tagsOf(value) });
        if (entries.size > max) entries.delete(entries.keys().next().value!);
      }
      return value;
    },
    forget(kind, key) {
      entries.delete(`${kind}:${key}`);
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
  tagsOf: (value: T) => readonly string[],
  load: () => Promise<T | undefined>,
  cache: LookupCache | undefined = processLookupCache(),
): Promise<T | undefined> {
  return cache ? cache.get(kind, key, tagsOf, load) : load();
}
