import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/db/client";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { createUpstashStore } from "@/lib/redis/upstash-store";
import { addMember, buildInbox, buildUser, buildWorld } from "@/test/support/engine-fixtures";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { insertEvent, waitFor } from "@/test/support/realtime";
import { startUpstashBridge, type UpstashBridge } from "@/test/support/upstash-bridge";
import { scaled, seededRandom } from "@/test/reliability/scale";
import { canReceive, loadAgentAudience, loadContactAudience, type Audience } from "./audience";
import { createHub, type Hub, type Subscription } from "./hub";
import { latestCommittedSeq, listEventsAfter, relayEvents, type StreamEvent } from "./relay";

/**
 * Several instances (E6) and reconnect chaos (R1). Postgres only: each hub gets its own connection
 * pool over one database, as separate app instances would; PGlite is a single in-process connection.
 */
const quiet = { warn: () => undefined, error: () => undefined };

/** R1's size: ~2,400 events under `npm test`, ~14,000 and more subscribers under `npm run test:reliability`. */
const CHAOS = scaled(
  { writers: 6, rounds: 200, clientsPerAudience: 2, minEvents: 1_500, minCuts: 20, timeoutMs: 60_000 },
  { writers: 6, rounds: 1_200, clientsPerAudience: 3, minEvents: 9_000, minCuts: 200, timeoutMs: 600_000 },
);

type StoreKind = "memory" | "upstash (real Redis through the bridge)";

describe.each<StoreKind>(["memory", "upstash (real Redis through the bridge)"])("realtime across two hubs on postgres, coordination %s", (kind) => {
  let t: TestDatabase;
  const pools: Database[] = [];
  let bridge: UpstashBridge | null = null;
  const hubs: Hub[] = [];
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let inbox2Id: number;
  let audiences: Record<string, Audience>;

  /** Stores for two instances: one shared memory store, or two Upstash clients over one Redis. */
  let stores: () => CoordinationStore[];

  beforeAll(async () => {
    t = await createTestDatabase("postgres", { poolMax: 10 });
    w = await buildWorld(t.db);
    const inbox2 = await buildInbox(t.db, { accountId: w.account.id, name: "Sales" });
    inbox2Id = inbox2.id;
    const agent2 = await buildUser(t.db, { accountId: w.account.id, role: "agent" });
    await addMember(t.db, { accountId: w.account.id, inboxId: inbox2.id, userId: agent2.id });
    audiences = {
      admin: await loadAgentAudience(t.db, w.admin.id),
      agent: await loadAgentAudience(t.db, w.agent.id),
      agent2: await loadAgentAudience(t.db, agent2.id),
      contact: (await loadContactAudience(t.db, w.contactInbox.id))!,
    };
    if (kind === "memory") {
      const shared = createMemoryStore();
      stores = () => [shared, shared];
    } else {
      bridge = await startUpstashBridge();
      const prefix = `rt_${randomBytes(4).toString("hex")}`;
      stores = () => [0, 1].map(() => createUpstashStore({ url: bridge!.url, token: bridge!.token, prefix, timeoutMs: 500 }));
    }
  });
  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((h) => h.close()));
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await bridge?.close();
    await closeTestDatabase(t);
  });

  async function twoHubs(pollMs: number): Promise<[Hub, Hub]> {
    const [s1, s2] = stores();
    const made = await Promise.all(
      [s1!, s2!].map(async (store) => {
        const pool = await openDatabase({ DATABASE_URL: t.url, DATA_DIR: ".data", DATABASE_POOL_MAX: 4 });
        pools.push(pool);
        const hub = createHub({ db: pool.db, store, pollMs, log: quiet });
        hubs.push(hub);
        return hub;
      }),
    );
    return made as [Hub, Hub];
  }

  const conv = () => ({ accountId: w.account.id, inboxId: w.inbox.id, contactInboxId: w.contactInbox.id });

  it("an event produced through hub A reaches a subscriber on hub B by the wake-up alone", async () => {
    const [a, b] = await twoHubs(600_000); // no poll: only pub/sub can carry it
    const got: StreamEvent[] = [];
    await b.subscribe({ audience: audiences.agent!, onEvent: (e) => got.push(e) });
    await insertEvent(t.db, { ...conv(), payload: { n: "from A" } });
    await a.kick();
    await waitFor("delivery on hub B", () => got.length === 1);
    expect(got[0]!.payload.n).toBe("from A");
  });

  it("a lower id that commits last is still delivered, after the one that committed first", async () => {
    const [a, b] = await twoHubs(600_000);
    const got: StreamEvent[] = [];
    await b.subscribe({ audience: audiences.admin!, onEvent: (e) => got.push(e) });
    let release!: () => void;
    const mayCommit = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const hasInserted = new Promise<void>((r) => (inserted = r));
    const slow = t.db.transaction(async (tx) => {
      await insertEvent(tx, { ...conv(), payload: { n: "slow, lower id" } });
      inserted();
      await mayCommit;
    });
    await hasInserted;
    await insertEvent(t.db, { ...conv(), payload: { n: "fast, higher id" } });
    await a.kick();
    await waitFor("the fast event", () => got.length === 1);
    release();
    await slow;
    await a.kick();
    await waitFor("the slow event", () => got.length === 2);
    expect(got.map((e) => e.payload.n)).toEqual(["fast, higher id", "slow, lower id"]);
    expect(got[1]!.id).toBeLessThan(got[0]!.id);
    expect(got[1]!.seq).toBeGreaterThan(got[0]!.seq);
  });

  it(
    "chaos (R1): subscribers cut at random resume on either hub and end with every entitled event once, in order",
    async () => {
      const rng = seededRandom(`R1 chaos (${kind})`);
      const [a, b] = await twoHubs(200);
      const start = await latestCommittedSeq(t.db);
      const clients = Object.entries(audiences).flatMap(([name, audience]) =>
        Array.from({ length: CHAOS.clientsPerAudience }, (_, i) => i + 1).map((i) => ({ name: `${name}#${i}`, audience, cursor: start, got: [] as StreamEvent[], sub: null as Subscription | null })),
      );
      const pick = rng.pick;
      const connect = async (c: (typeof clients)[number]) => {
        c.sub = await pick([a, b]).subscribe({ audience: c.audience, cursor: c.cursor, onEvent: (e) => c.got.push(e) });
      };
      await Promise.all(clients.map(connect));

      let producing = true;
      let cuts = 0;
      const writers = Array.from({ length: CHAOS.writers }, async (_, wi) => {
        for (let i = 0; i < CHAOS.rounds; i++) {
          const failing = rng.next() < 0.1;
          await t.db
            .transaction(async (tx) => {
              for (let k = 0; k < 1 + (i % 3); k++) {
                const inMain = rng.next() < 0.7;
                await insertEvent(tx, {
                  accountId: w.account.id,
                  inboxId: inMain ? w.inbox.id : inbox2Id,
                  contactInboxId: inMain ? w.contactInbox.id : null,
                  private: rng.next() < 0.2,
                  payload: { n: `${wi}.${i}.${k}` },
                });
              }
              if (failing) throw new Error("rolled back on purpose");
            })
            .catch(() => undefined);
          if (rng.next() < 0.8) void pick([a, b]).kick(); // the rest only the poll picks up
        }
      });
      const chaos = (async () => {
        while (producing) {
          const c = pick(clients);
          if (c.sub) {
            c.cursor = c.sub.lastSeq;
            c.sub.close();
            c.sub = null;
            cuts++;
            await new Promise((r) => setTimeout(r, rng.next() * 20));
            await connect(c);
          }
          await new Promise((r) => setTimeout(r, rng.next() * 10));
        }
      })();
      await Promise.all(writers);
      producing = false;
      await chaos;

      await relayEvents(t.db);
      const all = await listEventsAfter(t.db, start, 100_000);
      expect(all.length).toBeGreaterThan(CHAOS.minEvents);
      expect(cuts).toBeGreaterThan(CHAOS.minCuts);
      await Promise.all([a.kick(), b.kick()]);
      for (const c of clients) {
        const expected = all.filter((e) => canReceive(c.audience, e)).map((e) => e.seq);
        await waitFor(`${c.name} to catch up`, () => c.got.length >= expected.length);
        expect(
          c.got.map((e) => e.seq),
          c.name,
        ).toEqual(expected);
      }
    },
    CHAOS.timeoutMs,
  );

  it("with the coordination store failing (R2), events still reach local subscribers and the other hub by the poll", async () => {
    const [a, b] = await twoHubs(100);
    if (kind === "memory") {
      const [shared] = stores();
      shared!.publish = () => Promise.reject(new Error("redis down"));
    } else {
      await bridge!.close(); // the real thing: Redis unreachable for both instances
    }
    const local: StreamEvent[] = [];
    const remote: StreamEvent[] = [];
    await a.subscribe({ audience: audiences.contact!, onEvent: (e) => local.push(e) });
    await b.subscribe({ audience: audiences.contact!, onEvent: (e) => remote.push(e) });
    await insertEvent(t.db, { ...conv(), payload: { n: "while down" } });
    await expect(a.kick()).resolves.toBeUndefined();
    expect(local.map((e) => e.payload.n)).toEqual(["while down"]);
    await waitFor("poll delivery on hub B", () => remote.length === 1);
  });
});
