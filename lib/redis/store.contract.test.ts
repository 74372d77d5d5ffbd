import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startUpstashBridge } from "@/test/support/upstash-bridge";
import { createMemoryStore } from "./memory-store";
import type { CoordinationStore } from "./port";
import { createTcpStore } from "./tcp-store";
import { createUpstashStore } from "./upstash-store";

/**
 * The coordination port's contract (SPEC §3), run against all three implementations: the in-process
 * store, the Upstash store talking to a real redis-server through the Upstash-REST bridge, and the TCP
 * store talking to that redis-server directly.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

type Backend = { store: CoordinationStore; cleanup: () => Promise<void> };

/** A prefix of this run's own, so parallel runs never collide; its keys are deleted afterwards. */
async function openRedisBackend(transport: "rest" | "tcp"): Promise<Backend> {
  const prefix = `parley-test-${randomBytes(6).toString("hex")}`;
  const bridge = transport === "rest" ? await startUpstashBridge({ redisUrl: REDIS_URL }) : undefined;
  const store = bridge ? createUpstashStore({ url: bridge.url, token: bridge.token, prefix }) : createTcpStore({ url: REDIS_URL, prefix });
  return {
    store,
    async cleanup() {
      await store.close();
      await bridge?.close();
      const redis = new Redis(REDIS_URL);
      // Test clean-up only; product code never scans.
      for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
        if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
      }
      await redis.quit();
    },
  };
}

const backends: [string, () => Promise<Backend>][] = [
  [
    "memory",
    async () => {
      const store = createMemoryStore({ prefix: "test" });
      return { store, cleanup: () => store.close() };
    },
  ],
  ["redis (Upstash client → bridge → redis-server)", () => openRedisBackend("rest")],
  ["redis (TCP, ioredis → redis-server)", () => openRedisBackend("tcp")],
];

describe.each(backends)("coordination store: %s", (_name, open) => {
  let store: CoordinationStore;
  let cleanup: () => Promise<void>;
  let seq = 0;
  const key = (name: string) => `${name}-${++seq}`;

  beforeAll(async () => {
    ({ store, cleanup } = await open());
  });
  afterAll(async () => {
    await cleanup();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe("limit", () => {
    // Both implementations take the time from Date.now(), so the clock is ours.
    const freezeClock = () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(1_900_000_000_250);
    };
    const opts = { limit: 3, windowMs: 1_000 };

    it("allows `limit` hits, then refuses with a retry delay", async () => {
      freezeClock();
      const k = key("limit");
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await store.limit(k, opts));
      expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
        [true, 2],
        [true, 1],
        [true, 0],
        [false, 0],
      ]);
      expect(results.slice(0, 3).every((r) => r.retryAfterMs === 0)).toBe(true);
      expect(results[3]!.retryAfterMs).toBeGreaterThan(0);
      expect(results[3]!.retryAfterMs).toBeLessThanOrEqual(opts.windowMs + 1);
    });

    it("counts each key on its own", async () => {
      freezeClock();
      const [a, b] = [key("limit-a"), key("limit-b")];
      for (let i = 0; i < 3; i++) await store.limit(a, opts);
      expect((await store.limit(a, opts)).allowed).toBe(false);
      expect(await store.limit(b, opts)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    });

    it("does not count refused hits, and keeps a separate count per limit and window", async () => {
      freezeClock();
      const k = key("limit-shape");
      const one = { limit: 1, windowMs: 1_000 };
      expect((await store.limit(k, one)).allowed).toBe(true);
      vi.setSystemTime(Date.now() + 500);
      for (let i = 0; i < 5; i++) expect((await store.limit(k, one)).allowed).toBe(false);
      // Had the refusals counted, they would still fill the window here.
      vi.setSystemTime(Date.now() + 501);
      expect((await store.limit(k, one)).allowed).toBe(true);
      expect(await store.limit(k, opts)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    });

    it("allows again once retryAfterMs has passed, not a millisecond before", async () => {
      freezeClock();
      const k = key("limit-retry");
      for (let i = 0; i < 3; i++) await store.limit(k, opts);
      const { retryAfterMs } = await store.limit(k, opts);
      vi.setSystemTime(Date.now() + retryAfterMs - 1);
      expect((await store.limit(k, opts)).allowed).toBe(false);
      vi.setSystemTime(Date.now() + 1);
      expect((await store.limit(k, opts)).allowed).toBe(true);
    });
  });

  describe("throttle", () => {
    it("passes once, then holds the key until its ttl runs out", async () => {
      const [k, other] = [key("throttle"), key("throttle-other")];
      expect(await store.throttle(k, 150)).toBe(true);
      expect(await store.throttle(k, 150)).toBe(false);
      expect(await store.throttle(other, 150)).toBe(true);
      await vi.waitFor(async () => expect(await store.throttle(k, 150)).toBe(true), { timeout: 2_000, interval: 25 });
    });
  });

  describe("locks", () => {
    it("gives the lock to one owner, and only the owner's token releases it", async () => {
      const k = key("lock");
      const token = await store.acquireLock(k, 10_000);
      expect(token).toEqual(expect.any(String));
      expect(await store.acquireLock(k, 10_000)).toBeNull();
      expect(await store.releaseLock(k, "someone-else")).toBe(false);
      expect(await store.acquireLock(k, 10_000)).toBeNull();
      expect(await store.releaseLock(k, token!)).toBe(true);
      expect(await store.releaseLock(k, token!)).toBe(false);
      const next = await store.acquireLock(k, 10_000);
      expect(next).toEqual(expect.any(String));
      expect(next).not.toBe(token);
    });

    it("frees an abandoned lock after its ttl", async () => {
      const k = key("lock-ttl");
      expect(await store.acquireLock(k, 150)).not.toBeNull();
      await vi.waitFor(async () => expect(await store.acquireLock(k, 10_000)).not.toBeNull(), {
        timeout: 2_000,
        interval: 25,
      });
    });
  });

  describe("presence", () => {
    it("lists members seen since a time, prunes older ones, and forgets on sign-out", async () => {
      const set = key("presence");
      await store.touch(set, "u1", 1_000);
      await store.touch(set, "u2", 2_000);
      await store.touch(set, "u3", 3_000);
      expect((await store.present(set, 2_000)).sort()).toEqual(["u2", "u3"]);
      // u1 was pruned by that read: asking for an older time does not bring it back.
      expect((await store.present(set, 0)).sort()).toEqual(["u2", "u3"]);
      await store.touch(set, "u2", 5_000); // a new sign of life moves the member forward
      expect((await store.present(set, 2_500)).sort()).toEqual(["u2", "u3"]);
      expect(await store.present(set, 4_000)).toEqual(["u2"]);
      await store.touch(set, "u3", 6_000);
      await store.forget(set, "u2");
      expect((await store.present(set, 0)).sort()).toEqual(["u3"]);
      expect(await store.present(key("presence-empty"), 0)).toEqual([]);
    });
  });

  describe("round robin (Chatwoot inbox_round_robin_service_spec, A3, A5)", () => {
    // Members m0..m4 created in order. Chatwoot keeps the list back-first (LPUSH puts a member at the
    // back, the pick is the tail); roundRobinOrder is front-first, so Chatwoot's lists read reversed.
    const members = ["11", "12", "13", "14", "15"];
    const [m0, m1, m2, m3, m4] = members as [string, string, string, string, string];
    const chatwootQueue = (queue: string[]) => [...queue].reverse();

    it("returns nil if allowed_agent_ids is not passed or empty", async () => {
      expect(await store.roundRobinNext(key("rr"), members, [])).toBeNull();
    });

    it("gets the first available agent in allowed_agent_ids and move agent to end of the list", async () => {
      const q = key("rr");
      expect(await store.roundRobinNext(q, members, [m0, m4])).toBe(m0);
      expect(await store.roundRobinOrder(q)).toEqual(chatwootQueue([m0, m4, m3, m2, m1]));
    });

    it("constructs round_robin_queue if queue is not present", async () => {
      const q = key("rr");
      await store.roundRobinNext(q, members, [m1]);
      await store.roundRobinClear(q);
      expect(await store.roundRobinOrder(q)).toEqual([]);
      expect(await store.roundRobinNext(q, members, [m2])).toBe(m2);
      expect(await store.roundRobinOrder(q)).toEqual([m0, m1, m3, m4, m2]);
    });

    it("validates the queue and correct it before performing round robin", async () => {
      const q = key("rr");
      for (const junk of ["2", "3", "5", "9"]) await store.roundRobinAdd(q, junk);
      expect(await store.roundRobinNext(q, members, [m0])).toBe(m0);
      expect([...(await store.roundRobinOrder(q))].sort()).toEqual([...members].sort());
    });

    it("will get the first allowed member and move it to the end of the queue", async () => {
      const q = key("rr");
      expect(await store.roundRobinNext(q, members, [m3, m2])).toBe(m2);
      expect(await store.roundRobinNext(q, members, [m3, m2])).toBe(m3);
      expect(await store.roundRobinOrder(q)).toEqual(chatwootQueue([m3, m2, m4, m1, m0]));
    });

    it("keeps survivors' order when members change: removed ids leave, new ones join at the back", async () => {
      const q = key("rr");
      await store.roundRobinNext(q, members, [m0]); // [m1 m2 m3 m4 m0]
      const changed = [m0, m1, m3, m4, "16"]; // m2 left, 16 joined
      expect(await store.roundRobinNext(q, changed, ["16", m3])).toBe(m3);
      expect(await store.roundRobinOrder(q)).toEqual([m1, m4, m0, "16", m3]);
      expect(await store.roundRobinNext(q, changed, ["nobody"])).toBeNull();
      expect(await store.roundRobinNext(q, [], [m0])).toBeNull();
      expect(await store.roundRobinOrder(q)).toEqual([]);
    });

    it("A5: an added member joins at the back, a removed one leaves", async () => {
      const q = key("rr");
      await store.roundRobinNext(q, members, [m0]); // [m1 m2 m3 m4 m0]
      await store.roundRobinAdd(q, "16");
      await store.roundRobinAdd(q, m1); // already queued: moves to the back rather than twice
      await store.roundRobinRemove(q, m3);
      expect(await store.roundRobinOrder(q)).toEqual([m2, m4, m0, "16", m1]);
    });

    it("gives 10 members exactly 20 turns each over 200 concurrent picks (atomic choose-and-rotate)", async () => {
      const q = key("rr-concurrent");
      const ten = Array.from({ length: 10 }, (_, i) => `u${i}`);
      const picks = await Promise.all(Array.from({ length: 200 }, () => store.roundRobinNext(q, ten, ten)));
      const turns = new Map<string, number>();
      for (const id of picks) turns.set(String(id), (turns.get(String(id)) ?? 0) + 1);
      expect(Object.fromEntries(turns)).toEqual(Object.fromEntries(ten.map((id) => [id, 20])));
    });
  });

  describe("choose among the eligible in one step (A2, A3, B6)", () => {
    const members = ["21", "22", "23", "24"];
    const setUp = async () => {
      const [queue, set] = [key("ce-rr"), key("ce-presence")];
      const windowKey = (id: string) => `${queue}-window-${id}`;
      const candidate = (id: string, extra: { needsPresence?: boolean; open?: number } = {}) => ({ id, needsPresence: extra.needsPresence ?? false, windowKey: windowKey(id), open: extra.open ?? 0 });
      const choose = (candidates: ReturnType<typeof candidate>[], opts: { atMs?: number; limit?: number; fewestOpen?: boolean } = {}) =>
        store.chooseEligible({
          queue,
          members,
          presence: { set, sinceMs: (opts.atMs ?? 10_000) - 1_000 },
          window: { atMs: opts.atMs ?? 10_000, windowMs: 5_000, limit: opts.limit ?? 2 },
          candidates,
          fewestOpen: opts.fewestOpen ?? false,
        });
      return { queue, set, windowKey, candidate, choose };
    };

    it("takes turns in queue order like roundRobinNext, and null when no candidate is given", async () => {
      const { queue, candidate, choose } = await setUp();
      expect(await choose(members.map((id) => candidate(id)))).toBe("21");
      expect(await choose(members.map((id) => candidate(id)))).toBe("22");
      expect(await store.roundRobinOrder(queue)).toEqual(["23", "24", "21", "22"]);
      expect(await choose([])).toBeNull();
      expect(await store.roundRobinOrder(queue)).toEqual(["23", "24", "21", "22"]);
    });

    it("skips a candidate that needs presence and has none since the cut-off (P2), not one that does not need it", async () => {
      const { set, candidate, choose } = await setUp();
      await store.touch(set, "22", 8_999); // before the cut-off (9,000)
      await store.touch(set, "23", 9_000); // at it: present
      expect(await choose([candidate("21", { needsPresence: true }), candidate("22", { needsPresence: true }), candidate("23", { needsPresence: true })])).toBe("23");
      expect(await choose([candidate("21", { needsPresence: true }), candidate("22", { needsPresence: true })])).toBeNull();
      expect(await choose([candidate("21", { needsPresence: true }), candidate("22")])).toBe("22");
    });

    it("skips a candidate with the window's limit of events in (at - window, at], exactly", async () => {
      const { windowKey, candidate, choose } = await setUp();
      await store.windowRecord(windowKey("21"), "c1", 5_000, 5_000); // at the window's open end: not counted at 10,000
      await store.windowRecord(windowKey("21"), "c2", 9_000, 5_000);
      expect(await choose([candidate("21")], { limit: 2 })).toBe("21");
      await store.windowRecord(windowKey("21"), "c3", 10_000, 5_000);
      expect(await choose([candidate("21")], { limit: 2 })).toBeNull();
      expect(await choose([candidate("21"), candidate("22")], { limit: 2 })).toBe("22");
      expect(await choose([candidate("21")], { limit: 2, atMs: 14_001 })).toBe("21");
    });

    it("with fewestOpen takes, among the eligible, the first in the queue with the fewest open", async () => {
      const { windowKey, candidate, choose } = await setUp();
      await store.windowRecord(windowKey("22"), "c1", 10_000, 5_000);
      await store.windowRecord(windowKey("22"), "c2", 10_000, 5_000);
      // 22 has the fewest open but is at its limit: the fewest among the rest are 23 and 24, 23 queued first.
      const candidates = [candidate("21", { open: 3 }), candidate("22", { open: 0 }), candidate("23", { open: 1 }), candidate("24", { open: 1 })];
      expect(await choose(candidates, { fewestOpen: true })).toBe("23");
      expect(await choose(candidates, { fewestOpen: false })).toBe("21");
    });

    it("gives 10 candidates exactly 20 turns each over 200 concurrent choices (atomic)", async () => {
      const queue = key("ce-concurrent");
      const ten = Array.from({ length: 10 }, (_, i) => `v${i}`);
      const picks = await Promise.all(
        Array.from({ length: 200 }, () =>
          store.chooseEligible({
            queue,
            members: ten,
            presence: { set: key("ce-none"), sinceMs: 0 },
            window: { atMs: 1_000, windowMs: 1_000, limit: 1 },
            candidates: ten.map((id) => ({ id, needsPresence: false, windowKey: `${queue}-${id}`, open: 0 })),
            fewestOpen: false,
          }),
        ),
      );
      const turns = new Map<string, number>();
      for (const id of picks) turns.set(String(id), (turns.get(String(id)) ?? 0) + 1);
      expect(Object.fromEntries(turns)).toEqual(Object.fromEntries(ten.map((id) => [id, 20])));
    });
  });

  describe("windowed counts (A2)", () => {
    it("counts events exactly within (at - window, at], per key, each id once", async () => {
      const [a, b, none] = [key("win-a"), key("win-b"), key("win-none")];
      await store.windowRecord(a, "c1", 1_000, 1_000);
      await store.windowRecord(a, "c2", 1_500, 1_000);
      await store.windowRecord(a, "c3", 2_000, 1_000);
      await store.windowRecord(a, "c3", 2_000, 1_000);
      await store.windowRecord(b, "c9", 1_900, 1_000);
      expect(await store.windowCounts([a, b, none], 2_000, 1_000)).toEqual([2, 1, 0]);
      expect(await store.windowCounts([a, b], 2_950, 1_000)).toEqual([1, 0]);
      expect(await store.windowCounts([], 2_000, 1_000)).toEqual([]);
    });

    it("lets a key go once its window has passed", async () => {
      const k = key("win-expiry");
      await store.windowRecord(k, "c1", 5_000, 150);
      expect(await store.windowCounts([k], 5_000, 150)).toEqual([1]);
      await vi.waitFor(async () => expect(await store.windowCounts([k], 5_000, 150)).toEqual([0]), {
        timeout: 2_000,
        interval: 25,
      });
    });
  });

  describe("pub/sub", () => {
    const collect = async (channel: string) => {
      const got: string[] = [];
      const unsubscribe = await store.subscribe(channel, (m) => got.push(m));
      return { got, unsubscribe };
    };
    const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 3_000, interval: 10 });

    it("delivers a published message to every subscriber of the channel, unchanged", async () => {
      const channel = key("chan");
      const [first, second] = [await collect(channel), await collect(channel)];
      const messages = ["hello", '{"event":"message.created","id":7}', "42", "two\nlines", "ünïcode ✓"];
      for (const m of messages) await store.publish(channel, m);
      await until(() => expect(second.got).toEqual(messages));
      expect(first.got).toEqual(messages);
      await first.unsubscribe();
      await second.unsubscribe();
    });

    it("stops delivery after unsubscribe, and keeps channels apart", async () => {
      const [channel, other] = [key("chan"), key("chan-other")];
      const [leaving, staying, elsewhere] = [await collect(channel), await collect(channel), await collect(other)];
      await store.publish(channel, "before");
      await until(() => expect(leaving.got).toEqual(["before"]));
      await leaving.unsubscribe();
      await store.publish(channel, "after");
      await store.publish(other, "other");
      await until(() => expect(staying.got).toEqual(["before", "after"]));
      await until(() => expect(elsewhere.got).toEqual(["other"]));
      expect(leaving.got).toEqual(["before"]);
      await staying.unsubscribe();
      await elsewhere.unsubscribe();
    });
  });

  it("refuses channel names that cannot travel in a URL path", async () => {
    for (const bad of ["", "a b", "a/b", "a?b", "a#b", "100%"]) {
      await expect(store.subscribe(bad, () => {})).rejects.toThrow(/channel name/);
    }
  });

  it("ping resolves while the store is reachable", async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});
