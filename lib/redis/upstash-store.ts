import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { assertChannelName } from "./channel-name";
import type { CoordinationStore, LimitResult, Unsubscribe } from "./port";
import { CHOOSE_ELIGIBLE, chooseEligibleCall, decodePayload, encodePayload, PRESENT, RELEASE_LOCK, ROUND_ROBIN_ADD, ROUND_ROBIN_NEXT, WINDOW_RECORD, wholeMs } from "./scripts";
import { openSubscription, type Subscription } from "./upstash-subscription";

/**
 * The Redis coordination store through the Upstash REST client (SPEC §3). Every multi-step operation
 * is one Lua script or one MULTI/EXEC, so concurrent instances never interleave inside it.
 *
 * Each request gets a short deadline and no retries: when Redis is unreachable callers hear about it
 * within `timeoutMs` and degrade (R2) instead of hanging in the client's default retry loop.
 */
export type UpstashStoreOptions = { url: string; token: string; prefix: string; timeoutMs?: number };

export function createUpstashStore(opts: UpstashStoreOptions): CoordinationStore {
  const timeoutMs = opts.timeoutMs ?? 1_500;
  const redis = new Redis({
    url: opts.url,
    token: opts.token,
    retry: { retries: 0 },
    // A function, so each request gets a fresh deadline and an abort surfaces as an error.
    signal: () => AbortSignal.timeout(timeoutMs),
    // Member ids like "12" must stay strings.
    automaticDeserialization: false,
    enableTelemetry: false,
  });
  const k = (kind: string, key: string) => `${opts.prefix}:${kind}:${key}`;

  const scripts = {
    roundRobinNext: redis.createScript<string | null>(ROUND_ROBIN_NEXT),
    chooseEligible: redis.createScript<string | null>(CHOOSE_ELIGIBLE),
    roundRobinAdd: redis.createScript<null>(ROUND_ROBIN_ADD),
    releaseLock: redis.createScript<number>(RELEASE_LOCK),
    present: redis.createScript<string[]>(PRESENT),
    windowRecord: redis.createScript<null>(WINDOW_RECORD),
  };

  // One Ratelimit per (limit, window): the limiter is fixed at construction.
  const limiters = new Map<string, Ratelimit>();
  const limiter = (limit: number, windowMs: number) => {
    const id = `${limit}:${windowMs}`;
    let found = limiters.get(id);
    if (!found) {
      found = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(limit, `${windowMs} ms`),
        prefix: `${opts.prefix}:limit:${id}`,
        // No in-process block cache: every instance must see the same answer.
        ephemeralCache: false,
        // 0 = no fail-open timeout; the client's deadline makes an outage throw instead.
        timeout: 0,
        analytics: false,
      });
      limiters.set(id, found);
    }
    return found;
  };

  const subscriptions = new Set<Subscription>();

  return {
    kind: "redis",

    async limit(key, { limit, windowMs }): Promise<LimitResult> {
      const res = await limiter(limit, windowMs).limit(key);
      if (res.success) return { allowed: true, remaining: res.remaining, retryAfterMs: 0 };
      // The sliding window counts this fixed window plus a decaying share of the previous one. One
      // millisecond into the next window, everything counted so far weighs less than the limit, so a
      // hit then passes: exact when this window's own hits caused the refusal, else an upper bound.
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, res.reset - Date.now() + 1) };
    },

    async throttle(key, ttlMs) {
      return (await redis.set(k("throttle", key), "1", { nx: true, px: wholeMs(ttlMs) })) === "OK";
    },

    async acquireLock(key, ttlMs) {
      const token = crypto.randomUUID();
      return (await redis.set(k("lock", key), token, { nx: true, px: wholeMs(ttlMs) })) === "OK" ? token : null;
    },

    async releaseLock(key, token) {
      return Number(await scripts.releaseLock.exec([k("lock", key)], [token])) === 1;
    },

    async touch(set, member, atMs) {
      await redis.zadd(k("presence", set), { score: atMs, member });
    },

    async present(set, sinceMs) {
      return (await scripts.present.exec([k("presence", set)], [String(sinceMs)])) ?? [];
    },

    async forget(set, member) {
      await redis.zrem(k("presence", set), member);
    },

    async roundRobinNext(queue, members, allowed) {
      const args = [String(members.length), ...members, ...allowed];
      return (await scripts.roundRobinNext.exec([k("rr", queue)], args)) ?? null;
    },

    async chooseEligible(input) {
      const { keys, args } = chooseEligibleCall(input, k);
      return (await scripts.chooseEligible.exec(keys, args)) ?? null;
    },

    async roundRobinOrder(queue) {
      return redis.lrange<string>(k("rr", queue), 0, -1);
    },

    async roundRobinAdd(queue, member) {
      await scripts.roundRobinAdd.exec([k("rr", queue)], [member]);
    },

    async roundRobinRemove(queue, member) {
      await redis.lrem(k("rr", queue), 0, member);
    },

    async roundRobinClear(queue) {
      await redis.del(k("rr", queue));
    },

    async windowRecord(key, id, atMs, windowMs) {
      await scripts.windowRecord.exec(
        [k("window", key)],
        [
          id,
          String(atMs),
          String(wholeMs(windowMs)),
          String(atMs - windowMs), // events at or before this have left the window
        ],
      );
    },

    async windowCounts(keys, atMs, windowMs) {
      if (keys.length === 0) return [];
      // One pipeline, one round trip, exact counts over (atMs - windowMs, atMs].
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.zcount(k("window", key), `(${atMs - windowMs}`, atMs);
      return (await pipeline.exec<number[]>()).map(Number);
    },

    async publish(channel, message) {
      await redis.publish(k("channel", channel), encodePayload(message));
    },

    async subscribe(channel, onMessage): Promise<Unsubscribe> {
      assertChannelName(channel); // before the prefix is added, so both stores refuse the same names
      const subscription = await openSubscription({
        url: opts.url,
        token: opts.token,
        channel: k("channel", channel),
        timeoutMs,
        onMessage: (payload) => onMessage(decodePayload(payload)),
      });
      subscriptions.add(subscription);
      return async () => {
        subscription.close();
        subscriptions.delete(subscription);
      };
    },

    async ping() {
      await redis.ping();
    },

    async close() {
      for (const subscription of subscriptions) subscription.close();
      subscriptions.clear();
    },
  };
}
