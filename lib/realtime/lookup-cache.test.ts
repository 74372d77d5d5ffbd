import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { accounts, accountUsers, contactInboxes, inboxes, users, webWidgets } from "@/db/schema";
import { findAccountMembership } from "@/lib/auth/account-membership";
import { authenticate } from "@/lib/http/authenticate";
import { findPublicContactCached } from "@/lib/http/public-contact";
import { rotateAccessTokenByUser } from "@/lib/profile/rotate-access-token";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { buildClientWorld } from "@/test/support/client-world";
import { buildUser, buildWorld } from "@/test/support/engine-fixtures";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { record, waitFor } from "@/test/support/realtime";
import { loadAgentAudience } from "./audience";
import { createHub, type Hub } from "./hub";
import { createLookupCache, type LookupCache } from "./lookup-cache";
import { listEventsAfter } from "./relay";
import { replayEvents } from "./replay";

/**
 * E8: the per-instance lookup cache (caller's user, membership) is invalidated by the event stream.
 * Two instances = two hubs, each with its own pool and cache, over one Postgres database (as
 * hub-cluster.test.ts); hub B never polls, so only the wake-up of A's event can reach it.
 */
const quiet = { warn: () => undefined, error: () => undefined };

/** SQL statements this process submits while `run` runs (node-postgres), to see a cache hit as 0 statements. */
async function statements<T>(run: () => Promise<T>): Promise<{ value: T; count: number }> {
  const proto = (pg as unknown as { Query: { prototype: { submit: (...args: unknown[]) => unknown } } }).Query.prototype;
  const original = proto.submit;
  let count = 0;
  proto.submit = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  try {
    return { value: await run(), count };
  } finally {
    proto.submit = original;
  }
}

const tokenRequest = (token: string) => new Request("http://parley.test/api/v1/profile", { headers: { api_access_token: token } });

describe("E8 lookup cache across two instances (postgres)", () => {
  let t: TestDatabase;
  const pools: Database[] = [];
  const hubs: Hub[] = [];
  let w: Awaited<ReturnType<typeof buildWorld>>;

  beforeAll(async () => {
    t = await createTestDatabase("postgres", { poolMax: 6 });
    w = await buildWorld(t.db);
  });
  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((h) => h.close()));
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await closeTestDatabase(t);
  });

  type Instance = { db: Db; hub: Hub; cache: LookupCache };

  async function twoInstances(): Promise<[Instance, Instance]> {
    const store = createMemoryStore();
    const made = await Promise.all(
      [0, 1].map(async () => {
        const pool = await openDatabase({ DATABASE_URL: t.url, DATA_DIR: ".data", DATABASE_POOL_MAX: 3 });
        pools.push(pool);
        // The staleness guard is the hub's poll; this hub does not poll, so the guard is widened here.
        const cache = createLookupCache({ staleAfterMs: 600_000 });
        const hub = createHub({ db: pool.db, store, pollMs: 600_000, log: quiet, onRead: (events) => cache.observe(events) });
        hubs.push(hub);
        return { db: pool.db, hub, cache };
      }),
    );
    // Each instance has followed the stream once (a cache serves only while its hub reads).
    await Promise.all(made.map((m) => m.hub.kick()));
    return made as [Instance, Instance];
  }

  /** Until hub B has read every event positioned so far: "within one event" made observable. */
  async function caughtUp(a: Instance, b: Instance) {
    await a.hub.kick(); // the writer's instance relays and publishes the wake-up
    const [row] = await queryRows<{ s: unknown }>(t.db, sql`select coalesce(max(seq), 0) as s from events`);
    await waitFor("instance B to read the invalidation", () => (b.hub.position ?? 0) >= Number(row!.s));
  }

  it("E8 a rotated api token stops working on the other instance within one event; until then it was served from the cache", async () => {
    const [a, b] = await twoInstances();
    const user = await buildUser(t.db, { accountId: w.account.id, role: "agent" });
    await caughtUp(a, b);
    expect((await authenticate(tokenRequest(user.accessToken), b.db, b.cache)).user.id).toBe(user.id);
    // Cached on B: the same look-up again costs no statement.
    const again = await statements(() => authenticate(tokenRequest(user.accessToken), b.db, b.cache));
    expect(again.value.user.id).toBe(user.id);
    expect(again.count).toBe(0);

    const { accessToken } = await rotateAccessTokenByUser(a.db, { userId: user.id });
    await caughtUp(a, b);
    await expect(authenticate(tokenRequest(user.accessToken), b.db, b.cache)).rejects.toMatchObject({ code: "unauthorized" });
    expect((await authenticate(tokenRequest(accessToken), b.db, b.cache)).user.id).toBe(user.id);
  });

  it("E8 a membership removed (by any statement) or its role changed reaches the other instance's cache within one event", async () => {
    const [a, b] = await twoInstances();
    const user = await buildUser(t.db, { accountId: w.account.id, role: "administrator" });
    await caughtUp(a, b);
    expect((await findAccountMembership(b.db, w.account.id, user.id, b.cache))?.membership.role).toBe("administrator");
    const hit = await statements(() => findAccountMembership(b.db, w.account.id, user.id, b.cache));
    expect(hit.count).toBe(0);
    expect(hit.value?.membership.role).toBe("administrator");

    // A role change on A: B answers the new role after the event.
    await a.db
      .update(accountUsers)
      .set({ role: "agent" })
      .where(and(eq(accountUsers.accountId, w.account.id), eq(accountUsers.userId, user.id)));
    await caughtUp(a, b);
    expect((await findAccountMembership(b.db, w.account.id, user.id, b.cache))?.membership.role).toBe("agent");

    // Removed on A with a plain DELETE (no application code): the trigger's event still reaches B.
    await a.db.delete(accountUsers).where(and(eq(accountUsers.accountId, w.account.id), eq(accountUsers.userId, user.id)));
    await caughtUp(a, b);
    expect(await findAccountMembership(b.db, w.account.id, user.id, b.cache)).toBeUndefined();
  });

  it("E8 a deleted user's token and an account's rename reach the other instance within one event", async () => {
    const [a, b] = await twoInstances();
    const user = await buildUser(t.db, { accountId: w.account.id, role: "agent" });
    await caughtUp(a, b);
    await authenticate(tokenRequest(user.accessToken), b.db, b.cache);
    const before = await findAccountMembership(b.db, w.account.id, w.admin.id, b.cache);
    await a.db.update(accounts).set({ name: "Renamed on A" }).where(eq(accounts.id, w.account.id));
    await a.db.delete(users).where(eq(users.id, user.id));
    await caughtUp(a, b);
    await expect(authenticate(tokenRequest(user.accessToken), b.db, b.cache)).rejects.toMatchObject({ code: "unauthorized" });
    expect(before?.account.name).not.toBe("Renamed on A");
    expect((await findAccountMembership(b.db, w.account.id, w.admin.id, b.cache))?.account.name).toBe("Renamed on A");
  });

  it("E8 an inbox's or its widget's settings and a contact_inbox changed on one instance reach the other's Client API look-up within one event; until then it was served from the cache", async () => {
    const [a, b] = await twoInstances();
    const cw = await buildClientWorld(t.db);
    const token = cw.widget.websiteToken;
    const source = cw.contactInbox.sourceId;
    const lookUp = () => statements(() => findPublicContactCached(b.db, token, source, b.cache));
    await caughtUp(a, b);
    expect((await lookUp()).count).toBe(1);
    const hit = await lookUp();
    expect(hit.count).toBe(0);
    expect(hit.value.widget.featureAttachments).toBe(true);

    // Uploads turned off on A (an upload is then refused, 422): B holds its entry until it reads the event.
    await a.db.update(webWidgets).set({ featureAttachments: false }).where(eq(webWidgets.inboxId, cw.inbox.id));
    expect((await lookUp()).value.widget.featureAttachments).toBe(true);
    await caughtUp(a, b);
    const widgetChanged = await lookUp();
    expect(widgetChanged.count).toBe(1);
    expect(widgetChanged.value.widget.featureAttachments).toBe(false);

    // The inbox's own settings (AM1's greeting), then the contact_inbox (W3: verified reaches the contact's other conversations).
    await a.db.update(inboxes).set({ greetingEnabled: true, greetingMessage: "Hello" }).where(eq(inboxes.id, cw.inbox.id));
    await caughtUp(a, b);
    expect((await lookUp()).value.inbox.greetingEnabled).toBe(true);
    await a.db.update(contactInboxes).set({ hmacVerified: true }).where(eq(contactInboxes.id, cw.contactInbox.id));
    expect((await lookUp()).value.contactInbox.hmacVerified).toBe(false);
    await caughtUp(a, b);
    expect((await lookUp()).value.contactInbox.hmacVerified).toBe(true);

    // Deleted on A (the widget with its inbox): B answers 404 after the event.
    await a.db.delete(inboxes).where(eq(inboxes.id, cw.inbox.id));
    await caughtUp(a, b);
    await expect(findPublicContactCached(b.db, token, source, b.cache)).rejects.toMatchObject({ code: "not_found" });
    const kinds = (await listEventsAfter(t.db, 0, 10_000)).filter((e) => e.accountId === cw.account.id).map((e) => e.type);
    expect(kinds).toEqual(expect.arrayContaining(["internal.inbox_changed", "internal.contact_inbox_changed"]));
  });

  it("E8 the invalidation events are internal: no stream, no replay receives them", async () => {
    const [a, b] = await twoInstances();
    const audience = await loadAgentAudience(t.db, w.admin.id);
    const live = await record(b.hub, { audience });
    const from = b.hub.position ?? 0;
    const user = await buildUser(t.db, { accountId: w.account.id, role: "agent" });
    await a.db.update(users).set({ name: "Changed" }).where(eq(users.id, user.id));
    await caughtUp(a, b);
    const written = (await listEventsAfter(t.db, from, 100)).filter((e) => e.accountId === w.account.id);
    expect(written.map((e) => e.type)).toContain("internal.user_changed");
    expect(live.events.filter((e) => e.type.startsWith("internal."))).toEqual([]);
    const replayed: string[] = [];
    await replayEvents(t.db, audience, from, (e) => replayed.push(e.type));
    expect(replayed.filter((type) => type.startsWith("internal."))).toEqual([]);
  });
});

describe("E8 lookup cache: when it serves", () => {
  const user = { id: 7, name: "Ada" };
  const event = (type: string, payload: Record<string, unknown>, accountId = 1) => ({
    seq: 1,
    id: 1,
    accountId,
    type,
    inboxId: null,
    conversationId: null,
    contactInboxId: null,
    private: true,
    payload,
  });

  it("E8 serves nothing until its hub has read, and stops serving when the hub stops reading", async () => {
    let clock = 0;
    const cache = createLookupCache({ staleAfterMs: 3000, now: () => clock });
    let loads = 0;
    const load = async () => (loads++, user);
    await cache.get("user", "t:x", (u) => [`user:${u.id}`], load);
    await cache.get("user", "t:x", (u) => [`user:${u.id}`], load);
    expect(loads).toBe(2); // no pass yet: not live, every look-up loads
    cache.observe([]);
    await cache.get("user", "t:x", (u) => [`user:${u.id}`], load);
    await cache.get("user", "t:x", (u) => [`user:${u.id}`], load);
    expect(loads).toBe(3);
    clock = 3001; // the hub has not read for longer than the guard
    await cache.get("user", "t:x", (u) => [`user:${u.id}`], load);
    expect(loads).toBe(4);
    expect(cache.size).toBe(0);
  });

  it("E8 a fill that races an invalidation is not stored, and a refusal is never cached", async () => {
    const cache = createLookupCache();
    cache.observe([]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const filling = cache.get(
      "user",
      "t:x",
      (u) => [`user:${u.id}`],
      async () => (await gate, user),
    );
    cache.observe([event("internal.user_changed", { user_id: 7 })]);
    release();
    await filling;
    expect(cache.size).toBe(0);
    await cache.get(
      "user",
      "t:gone",
      () => [],
      async () => undefined,
    );
    expect(cache.size).toBe(0);
  });

  it("E8 an event drops only what it names; the cache stays bounded", async () => {
    const cache = createLookupCache({ maxEntries: 3 });
    cache.observe([]);
    const other = { id: 8, name: "Bo" };
    await cache.get(
      "user",
      "t:a",
      (u) => [`user:${u.id}`],
      async () => user,
    );
    await cache.get(
      "user",
      "t:b",
      (u) => [`user:${u.id}`],
      async () => other,
    );
    await cache.get(
      "membership",
      "8:2",
      () => ["user:8", "account:2"],
      async () => ({ account: { id: 2 }, membership: { userId: 8 } }),
    );
    cache.observe([event("internal.user_changed", { user_id: 7 })]);
    expect(cache.size).toBe(2);
    cache.observe([event("internal.account_changed", { account_id: 2 }, 2)]);
    expect(cache.size).toBe(1);
    for (const k of ["c", "d", "e", "f"])
      await cache.get(
        "user",
        `t:${k}`,
        (u) => [`user:${u.id}`],
        async () => ({ id: 9, name: k }),
      );
    expect(cache.size).toBe(3);
  });
});
