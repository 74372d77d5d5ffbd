/**
 * The coordination port (SPEC §3): the narrow set of shared-state operations Parley needs across
 * instances. Two implementations: Redis through the Upstash client (lib/redis/upstash-store.ts) and
 * in-process memory (lib/redis/memory-store.ts). One contract suite runs against both.
 *
 * Keys passed in are logical ("login:ip:1.2.3.4"); implementations add their own prefix.
 * Times are epoch milliseconds supplied by the caller where they matter, so tests control the clock.
 * limit() reads Date.now() itself (so does @upstash/ratelimit); fake `Date` to control it.
 *
 * Failure (R2): the Redis store rejects any call within its deadline (1.5 s by default) when Redis
 * cannot be reached — it never hangs and never fails open; callers choose how to degrade.
 */
export type LimitResult = {
  allowed: boolean;
  /** Hits left in the current window after this one (0 when refused). */
  remaining: number;
  /**
   * When refused: milliseconds until a hit would be allowed again; 0 when allowed. Exact in memory;
   * in Redis (sliding-window approximation) an upper bound: absent other hits, a hit after it passes.
   */
  retryAfterMs: number;
};

export type Unsubscribe = () => Promise<void>;

/** See CoordinationStore.chooseEligible. */
export type ChooseEligibleInput = {
  queue: string;
  members: string[];
  presence: { set: string; sinceMs: number };
  window: { atMs: number; windowMs: number; limit: number };
  candidates: { id: string; needsPresence: boolean; windowKey: string; open: number }[];
  fewestOpen: boolean;
};

export interface CoordinationStore {
  readonly kind: "redis" | "memory";

  /**
   * Rate limit: counts a hit against `key` if fewer than `limit` hits happened in the last `windowMs`.
   * Refused hits are not counted. Each (key, limit, windowMs) has its own count.
   */
  limit(key: string, opts: { limit: number; windowMs: number }): Promise<LimitResult>;

  /** Throttle: true (and marks the key for `ttlMs`) if the key is not marked; false while it is. */
  throttle(key: string, ttlMs: number): Promise<boolean>;

  /** Lock with an owner token; null when held by someone else. Release is compare-and-delete. */
  acquireLock(key: string, ttlMs: number): Promise<string | null>;
  releaseLock(key: string, token: string): Promise<boolean>;

  /** Presence: record that `member` of `set` was seen at `atMs`. */
  touch(set: string, member: string, atMs: number): Promise<void>;
  /** Members seen at or after `sinceMs`, oldest sign of life first; older entries are pruned. */
  present(set: string, sinceMs: number): Promise<string[]>;
  /** Forget a member at once (sign-out). */
  forget(set: string, member: string): Promise<void>;

  /**
   * Round robin (A3), one atomic step: make the queue hold exactly `members` (rebuilding it when it
   * differs: unknown ids dropped, missing ones appended), pick the first queued id that is in
   * `allowed`, move it to the back, and return it; null when none is allowed. The queue is validated
   * even then, and empty `members` empties it.
   */
  roundRobinNext(queue: string, members: string[], allowed: string[]): Promise<string | null>;
  /**
   * A2 and A3 in one atomic step (B6: one round trip where presence, window counts and the round
   * robin were three). Of `candidates`, keep those present in `presence.set` at or after
   * `presence.sinceMs` (only where `needsPresence`: P2's auto-offline) and with fewer than
   * `window.limit` events in (atMs - windowMs, atMs] under their `windowKey` (windowCounts'
   * count); with `fewestOpen`, only those of them with the fewest `open`; then `roundRobinNext(queue,
   * members, those)`. Null when none is left (the queue is still validated).
   */
  chooseEligible(input: ChooseEligibleInput): Promise<string | null>;
  /** The queue's order, front first (for balanced-mode tie-breaks and tests). */
  roundRobinOrder(queue: string): Promise<string[]>;
  /** A5: a new member joins at the back; a removed member leaves. */
  roundRobinAdd(queue: string, member: string): Promise<void>;
  roundRobinRemove(queue: string, member: string): Promise<void>;
  roundRobinClear(queue: string): Promise<void>;

  /**
   * Exact windowed counter: record event `id` under `key` at `atMs` (fair distribution, A2). Recording
   * drops events at or before `atMs - windowMs`; a key lives `windowMs` after its last record.
   */
  windowRecord(key: string, id: string, atMs: number, windowMs: number): Promise<void>;
  /** Counts of events within (atMs - windowMs, atMs] for each key, in one round trip. */
  windowCounts(keys: string[], atMs: number, windowMs: number): Promise<number[]>;

  /**
   * Pub/sub: fire-and-forget publish; subscribe resolves once the subscription is live (a later
   * publish reaches it) and returns its unsubscribe. At most once: a subscriber reconnects by itself
   * after an outage, but messages published meanwhile are lost (E5 resumes from the outbox). Channel
   * names travel in a URL path: no whitespace, "/", "?", "#" or "%".
   */
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, onMessage: (message: string) => void): Promise<Unsubscribe>;

  /** Throws when the store cannot be reached (health checks, R2). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
