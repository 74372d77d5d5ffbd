import { EventEmitter } from "node:events";
import { assertChannelName } from "./channel-name";
import type { CoordinationStore, LimitResult, Unsubscribe } from "./port";

/**
 * The in-process coordination store (SPEC §3, embedded mode): the same contract as the Redis store,
 * for one process only. JavaScript runs each method to completion before the next, so every
 * multi-step operation is atomic without locks. Expired entries are dropped lazily on access and by a
 * periodic sweep whose timer never keeps the process alive.
 */
export type MemoryStoreOptions = { prefix?: string; sweepIntervalMs?: number };

type Expiring<T> = { value: T; expiresAt: number };

export function createMemoryStore(opts: MemoryStoreOptions = {}): CoordinationStore {
  const prefix = opts.prefix ?? "parley";
  const k = (key: string) => `${prefix}:${key}`;

  const hits = new Map<string, Expiring<number[]>>(); // limit(): hit times, oldest first
  const marks = new Map<string, Expiring<string>>(); // throttle() and locks
  const presence = new Map<string, Map<string, number>>();
  const queues = new Map<string, string[]>();
  const windows = new Map<string, Expiring<Map<string, number>>>();
  const bus = new EventEmitter();
  bus.setMaxListeners(0); // one listener per live stream; many are normal

  const live = <T>(map: Map<string, Expiring<T>>, key: string, now = Date.now()): T | undefined => {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      map.delete(key);
      return undefined;
    }
    return entry.value;
  };

  const sweep = () => {
    const now = Date.now();
    for (const map of [hits, marks, windows] as Map<string, Expiring<unknown>>[]) {
      for (const [key, entry] of map) if (entry.expiresAt <= now) map.delete(key);
    }
  };
  const timer = setInterval(sweep, opts.sweepIntervalMs ?? 60_000);
  timer.unref();

  /** A3's choose-and-rotate: validate the queue against `members`, take the first allowed, move it to the back. */
  const rotate = (queue: string, members: string[], allow: Set<string>): string | null => {
    const known = new Set(members);
    const seen = new Set<string>();
    // Keep the surviving order, drop unknown and duplicate ids, append members not yet queued.
    const order: string[] = [];
    for (const id of [...(queues.get(k(queue)) ?? []), ...members]) {
      if (known.has(id) && !seen.has(id)) {
        seen.add(id);
        order.push(id);
      }
    }
    if (order.length === 0) {
      queues.delete(k(queue));
      return null;
    }
    const index = order.findIndex((id) => allow.has(id));
    if (index >= 0) order.push(...order.splice(index, 1));
    queues.set(k(queue), order);
    return index >= 0 ? order[order.length - 1]! : null;
  };

  return {
    kind: "memory",

    async limit(key, { limit, windowMs }): Promise<LimitResult> {
      const now = Date.now();
      const id = k(`${limit}:${windowMs}:${key}`); // per (key, limit, window), as in Redis
      const times = (live(hits, id, now) ?? []).filter((t) => t > now - windowMs);
      if (times.length >= limit) {
        hits.set(id, { value: times, expiresAt: now + windowMs });
        const oldest = times[times.length - limit] ?? now;
        return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, oldest + windowMs - now) };
      }
      times.push(now);
      hits.set(id, { value: times, expiresAt: now + windowMs });
      return { allowed: true, remaining: limit - times.length, retryAfterMs: 0 };
    },

    async throttle(key, ttlMs) {
      const now = Date.now();
      if (live(marks, k(`throttle:${key}`), now) !== undefined) return false;
      marks.set(k(`throttle:${key}`), { value: "1", expiresAt: now + ttlMs });
      return true;
    },

    async acquireLock(key, ttlMs) {
      const now = Date.now();
      if (live(marks, k(`lock:${key}`), now) !== undefined) return null;
      const token = crypto.randomUUID();
      marks.set(k(`lock:${key}`), { value: token, expiresAt: now + ttlMs });
      return token;
    },

    async releaseLock(key, token) {
      if (live(marks, k(`lock:${key}`)) !== token) return false;
      marks.delete(k(`lock:${key}`));
      return true;
    },

    async touch(set, member, atMs) {
      let members = presence.get(k(set));
      if (!members) presence.set(k(set), (members = new Map()));
      members.set(member, atMs);
    },

    async present(set, sinceMs) {
      const members = presence.get(k(set));
      if (!members) return [];
      for (const [member, at] of members) if (at < sinceMs) members.delete(member);
      if (members.size === 0) presence.delete(k(set));
      // Oldest sign of life first, like ZRANGEBYSCORE.
      return [...members].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([m]) => m);
    },

    async forget(set, member) {
      presence.get(k(set))?.delete(member);
    },

    async roundRobinNext(queue, members, allowed) {
      return rotate(queue, members, new Set(allowed));
    },

    async chooseEligible({ queue, members, presence: seen, window, candidates, fewestOpen }) {
      const present = presence.get(k(seen.set));
      const eligible = candidates.filter((c) => {
        const at = present?.get(c.id);
        if (c.needsPresence && (at === undefined || at < seen.sinceMs)) return false;
        let count = 0;
        for (const t of (live(windows, k(c.windowKey)) ?? new Map<string, number>()).values()) if (t > window.atMs - window.windowMs && t <= window.atMs) count++;
        return count < window.limit;
      });
      const fewest = Math.min(...eligible.map((c) => c.open));
      return rotate(queue, members, new Set(eligible.filter((c) => !fewestOpen || c.open === fewest).map((c) => c.id)));
    },

    async roundRobinOrder(queue) {
      return [...(queues.get(k(queue)) ?? [])];
    },

    async roundRobinAdd(queue, member) {
      const order = (queues.get(k(queue)) ?? []).filter((id) => id !== member);
      order.push(member);
      queues.set(k(queue), order);
    },

    async roundRobinRemove(queue, member) {
      const order = (queues.get(k(queue)) ?? []).filter((id) => id !== member);
      if (order.length > 0) queues.set(k(queue), order);
      else queues.delete(k(queue));
    },

    async roundRobinClear(queue) {
      queues.delete(k(queue));
    },

    async windowRecord(key, id, atMs, windowMs) {
      const events = live(windows, k(key)) ?? new Map<string, number>();
      for (const [event, at] of events) if (at <= atMs - windowMs) events.delete(event);
      events.set(id, atMs);
      windows.set(k(key), { value: events, expiresAt: Date.now() + windowMs });
    },

    async windowCounts(keys, atMs, windowMs) {
      return keys.map((key) => {
        let count = 0;
        for (const at of (live(windows, k(key)) ?? new Map<string, number>()).values()) {
          if (at > atMs - windowMs && at <= atMs) count++;
        }
        return count;
      });
    },

    async publish(channel, message) {
      // Delivered on a later tick, as over the network, so a publisher never runs subscriber code inline.
      queueMicrotask(() => bus.emit(k(channel), message));
    },

    async subscribe(channel, onMessage): Promise<Unsubscribe> {
      assertChannelName(channel);
      const listener = (message: string) => {
        try {
          onMessage(message);
        } catch (err) {
          console.error("coordination: subscriber failed", err);
        }
      };
      bus.on(k(channel), listener);
      return async () => {
        bus.off(k(channel), listener);
      };
    },

    async ping() {},

    async close() {
      clearInterval(timer);
      bus.removeAllListeners();
    },
  };
}
