import { createHash } from "node:crypto";
import Redis, { type RedisOptions } from "ioredis";
import { assertChannelName } from "./channel-name";
import type { CoordinationStore, LimitResult, Unsubscribe } from "./port";
import { CHOOSE_ELIGIBLE, chooseEligibleCall, decodePayload, encodePayload, PRESENT, RELEASE_LOCK, ROUND_ROBIN_ADD, ROUND_ROBIN_NEXT, SLIDING_WINDOW_LIMIT, WINDOW_RECORD, wholeMs } from "./scripts";

/**
 * The Redis coordination store over the Redis protocol (`REDIS_URL`, `redis://` or `rediss://`),
 * through ioredis: for self-hosters who run Redis itself, and for Upstash, which serves the protocol
 * too. Same scripts, same keys and same payload encoding as the REST store (lib/redis/scripts.ts), so
 * instances on either transport share one Redis.
 *
 * Against the REST store: one long-lived connection with automatic pipelining (commands issued in the
 * same tick travel in one write), and real pub/sub on a second connection — one SUBSCRIBE per channel
 * however many local subscribers, resubscribed by ioredis after a reconnect.
 *
 * R2: every command has a deadline (`timeoutMs`, 1.5 s by default) and is retried at most once across
 * a reconnect, so with Redis down a call rejects within the deadline rather than queueing forever.
 */
export type TcpStoreOptions = {
  url: string;
  prefix: string;
  timeoutMs?: number;
  log?: Pick<Console, "warn">;
};

const RECONNECT_MAX_MS = 5_000;

export function createTcpStore(opts: TcpStoreOptions): CoordinationStore {
  const timeoutMs = opts.timeoutMs ?? 1_500;
  const log = opts.log ?? console;
  const options: RedisOptions = {
    commandTimeout: timeoutMs,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 250, RECONNECT_MAX_MS),
    // Connect on first use: a process that never touches the store opens no socket.
    lazyConnect: true,
  };
  const redis = new Redis(opts.url, options);
  const subscriber = new Redis(opts.url, { ...options, enableAutoPipelining: false });
  // One warning per outage, not one per reconnect attempt; the calls themselves reject (R2).
  for (const [name, connection] of [
    ["commands", redis],
    ["pub/sub", subscriber],
  ] as const) {
    let warned = false;
    connection.on("error", (err: Error) => {
      if (!warned) log.warn(`coordination: redis ${name} connection failed (${err.message})`);
      warned = true;
    });
    connection.on("ready", () => (warned = false));
  }

  const k = (kind: string, key: string) => `${opts.prefix}:${kind}:${key}`;

  // EVALSHA, and EVAL once when the server does not know the script yet (a restart, a new server).
  const script = <T>(lua: string) => {
    const sha = createHash("sha1").update(lua).digest("hex");
    return async (keys: string[], args: (string | number)[]): Promise<T> => {
      try {
        return (await redis.evalsha(sha, keys.length, ...keys, ...args)) as T;
      } catch (err) {
        if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
        return (await redis.eval(lua, keys.length, ...keys, ...args)) as T;
      }
    };
  };
  const scripts = {
    limit: script<[number, number]>(SLIDING_WINDOW_LIMIT),
    roundRobinNext: script<string | null>(ROUND_ROBIN_NEXT),
    chooseEligible: script<string | null>(CHOOSE_ELIGIBLE),
    roundRobinAdd: script<null>(ROUND_ROBIN_ADD),
    releaseLock: script<number>(RELEASE_LOCK),
    present: script<string[]>(PRESENT),
    windowRecord: script<null>(WINDOW_RECORD),
  };

  // Local subscribers per prefixed channel; the first one subscribes, the last one to leave unsubscribes.
  const channels = new Map<string, { handlers: Set<(message: string) => void>; ready: Promise<unknown> }>();
  subscriber.on("message", (channel: string, payload: string) => {
    const entry = channels.get(channel);
    if (!entry) return;
    const message = decodePayload(payload);
    for (const handler of [...entry.handlers]) {
      try {
        handler(message);
      } catch (err) {
        console.error("coordination: subscriber failed", err);
      }
    }
  });

  return {
    kind: "redis",

    async limit(key, { limit, windowMs }): Promise<LimitResult> {
      // Keys as @upstash/ratelimit names them: `<prefix>:<identifier>:<window number>`.
      const now = Date.now();
      const window = Math.floor(now / windowMs);
      const id = `${opts.prefix}:limit:${limit}:${windowMs}:${key}`;
      const [remaining] = await scripts.limit([`${id}:${window}`, `${id}:${window - 1}`], [limit, now, windowMs, 1]);
      if (remaining >= 0) return { allowed: true, remaining, retryAfterMs: 0 };
      // As in the REST store: one millisecond into the next window a hit passes (an upper bound).
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, (window + 1) * windowMs - now + 1) };
    },

    async throttle(key, ttlMs) {
      return (await redis.set(k("throttle", key), "1", "PX", wholeMs(ttlMs), "NX")) === "OK";
    },

    async acquireLock(key, ttlMs) {
      const token = crypto.randomUUID();
      return (await redis.set(k("lock", key), token, "PX", wholeMs(ttlMs), "NX")) === "OK" ? token : null;
    },

    async releaseLock(key, token) {
      return Number(await scripts.releaseLock([k("lock", key)], [token])) === 1;
    },

    async touch(set, member, atMs) {
      await redis.zadd(k("presence", set), atMs, member);
    },

    async present(set, sinceMs) {
      return (await scripts.present([k("presence", set)], [String(sinceMs)])) ?? [];
    },

    async forget(set, member) {
      await redis.zrem(k("presence", set), member);
    },

    async roundRobinNext(queue, members, allowed) {
      return (await scripts.roundRobinNext([k("rr", queue)], [String(members.length), ...members, ...allowed])) ?? null;
    },

    async chooseEligible(input) {
      const { keys, args } = chooseEligibleCall(input, k);
      return (await scripts.chooseEligible(keys, args)) ?? null;
    },

    roundRobinOrder: (queue) => redis.lrange(k("rr", queue), 0, -1),

    async roundRobinAdd(queue, member) {
      await scripts.roundRobinAdd([k("rr", queue)], [member]);
    },

    async roundRobinRemove(queue, member) {
      await redis.lrem(k("rr", queue), 0, member);
    },

    async roundRobinClear(queue) {
      await redis.del(k("rr", queue));
    },

    async windowRecord(key, id, atMs, windowMs) {
      await scripts.windowRecord([k("window", key)], [id, String(atMs), String(wholeMs(windowMs)), String(atMs - windowMs)]);
    },

    async windowCounts(keys, atMs, windowMs) {
      if (keys.length === 0) return [];
      // One pipeline, one round trip, exact counts over (atMs - windowMs, atMs].
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.zcount(k("window", key), `(${atMs - windowMs}`, atMs);
      return ((await pipeline.exec()) ?? []).map(([err, value]) => {
        if (err) throw err;
        return Number(value);
      });
    },

    async publish(channel, message) {
      await redis.publish(k("channel", channel), encodePayload(message));
    },

    async subscribe(channel, onMessage): Promise<Unsubscribe> {
      assertChannelName(channel); // before the prefix is added, so every store refuses the same names
      const name = k("channel", channel);
      let entry = channels.get(name);
      if (!entry) {
        const ready = subscriber.subscribe(name);
        entry = { handlers: new Set(), ready };
        channels.set(name, entry);
        // A failed SUBSCRIBE forgets the channel, so the next subscriber tries again.
        ready.catch(() => channels.get(name) === entry && channels.delete(name));
      }
      const handler = (message: string) => onMessage(message);
      entry.handlers.add(handler);
      try {
        await entry.ready;
      } catch (err) {
        entry.handlers.delete(handler);
        throw err;
      }
      let left = false;
      return async () => {
        if (left) return;
        left = true;
        entry.handlers.delete(handler);
        if (entry.handlers.size > 0 || channels.get(name) !== entry) return;
        channels.delete(name);
        await subscriber.unsubscribe(name).catch(() => undefined); // gone with the connection anyway
      };
    },

    async ping() {
      await redis.ping();
    },

    async close() {
      channels.clear();
      // QUIT lets replies in flight arrive; a connection that cannot say goodbye is dropped.
      await Promise.all(
        [redis, subscriber].map(async (connection) => {
          if (connection.status === "wait" || connection.status === "end") return connection.disconnect();
          await Promise.race([connection.quit(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]).catch(() => undefined);
          connection.disconnect();
        }),
      );
    },
  };
}
