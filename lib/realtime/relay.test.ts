import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { events } from "@/db/schema";
import { buildAccount } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { insertEvent } from "@/test/support/realtime";
import { latestCommittedSeq, listEventsAfter, relayEvents, streamBounds } from "./relay";
import { checkCursor, pruneEvents } from "./retention";

describe.each(backends)("outbox relay and retention on %s (E5)", (backend) => {
  let t: TestDatabase;
  let accountId: number;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { poolMax: 6 });
    accountId = (await buildAccount(t.db)).id;
  });
  afterAll(async () => closeTestDatabase(t));

  it("positions committed events in id order, once, and skips rolled-back ids", async () => {
    const before = await latestCommittedSeq(t.db);
    const a = await insertEvent(t.db, { accountId, payload: { n: "a" } });
    await t.db
      .transaction(async (tx) => {
        await insertEvent(tx, { accountId, payload: { n: "rolled back" } });
        throw new Error("rollback");
      })
      .catch(() => undefined);
    const b = await insertEvent(t.db, { accountId, payload: { n: "b" } });
    expect(await relayEvents(t.db)).toBe(2);
    expect(await relayEvents(t.db)).toBe(0);
    const got = await listEventsAfter(t.db, before, 100);
    expect(got.map((e) => e.id)).toEqual([a, b]);
    expect(got.map((e) => e.seq)).toEqual([before + 1, before + 2]);
    expect(got.map((e) => e.payload.n)).toEqual(["a", "b"]);
  });

  it("works through batches larger than one relay step", async () => {
    const before = await latestCommittedSeq(t.db);
    await t.db.insert(events).values(Array.from({ length: 25 }, (_, n) => ({ accountId, type: "message.created", payload: { n } })));
    expect(await relayEvents(t.db, { batch: 10 })).toBe(25);
    const got = await listEventsAfter(t.db, before, 100);
    expect(got.map((e) => e.payload.n)).toEqual(Array.from({ length: 25 }, (_, n) => n));
    expect(got.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, n) => before + n + 1));
  });

  it("prunes positioned events older than the window as a prefix, raises the watermark, and keeps newer ones", async () => {
    const old = await insertEvent(t.db, { accountId, payload: { n: "old" } });
    await relayEvents(t.db);
    await t.db.execute(sql`update events set created_at = now() - interval '25 hours' where id <= ${old}`);
    const unrelayedOld = await insertEvent(t.db, { accountId, payload: { n: "unrelayed" } });
    await t.db.execute(sql`update events set created_at = now() - interval '25 hours' where id = ${unrelayedOld}`);
    const fresh = await insertEvent(t.db, { accountId, payload: { n: "fresh" } });
    const [oldRow] = await queryRows<{ seq: unknown }>(t.db, sql`select seq from events where id = ${old}`);
    const oldSeq = Number(oldRow!.seq);

    expect(await pruneEvents(t.db, { now: new Date() })).toBeGreaterThanOrEqual(1);
    const left = await queryRows<{ id: unknown }>(t.db, sql`select id from events order by id`);
    expect(left.map((r) => Number(r.id))).toEqual([unrelayedOld, fresh]);
    expect((await streamBounds(t.db)).prunedThrough).toBe(oldSeq);

    expect(await checkCursor(t.db, oldSeq - 1)).toEqual({ ok: false, reason: "pruned" });
    expect(await checkCursor(t.db, oldSeq)).toEqual({ ok: true });
    expect(await checkCursor(t.db, oldSeq + 1000)).toEqual({ ok: false, reason: "unknown" });

    // The unpositioned old row was kept and is still delivered.
    await relayEvents(t.db);
    const after = await listEventsAfter(t.db, oldSeq, 10);
    expect(after.map((e) => e.payload.n)).toEqual(["unrelayed", "fresh"]);
  });
});

describe("outbox relay under concurrent transactions on postgres only (PGlite has one connection)", () => {
  let t: TestDatabase;
  let accountId: number;
  beforeAll(async () => {
    t = await createTestDatabase("postgres", { poolMax: 6 });
    accountId = (await buildAccount(t.db)).id;
  });
  afterAll(async () => closeTestDatabase(t));

  it("a lower id committing last still gets a position after the ones already read", async () => {
    const start = await latestCommittedSeq(t.db);
    let releaseSlow!: () => void;
    const slowMayCommit = new Promise<void>((r) => (releaseSlow = r));
    let slowInserted!: () => void;
    const slowHasInserted = new Promise<void>((r) => (slowInserted = r));
    let slowId = 0;
    const slow = t.db.transaction(async (tx) => {
      slowId = await insertEvent(tx, { accountId, payload: { n: "slow" } });
      slowInserted();
      await slowMayCommit;
    });
    await slowHasInserted;
    const fastId = await insertEvent(t.db, { accountId, payload: { n: "fast" } });
    expect(fastId).toBeGreaterThan(slowId);

    await relayEvents(t.db);
    const first = await listEventsAfter(t.db, start, 10);
    expect(first.map((e) => e.payload.n)).toEqual(["fast"]);
    const cursor = first[0]!.seq;

    releaseSlow();
    await slow;
    await relayEvents(t.db);
    const second = await listEventsAfter(t.db, cursor, 10);
    expect(second.map((e) => e.payload.n)).toEqual(["slow"]);
    expect(second[0]!.seq).toBeGreaterThan(cursor);
  });

  it("concurrent relays never hand out a position twice and positions follow visibility", async () => {
    const start = await latestCommittedSeq(t.db);
    await Promise.all(Array.from({ length: 20 }, (_, i) => Promise.all([insertEvent(t.db, { accountId, payload: { n: i } }), relayEvents(t.db), relayEvents(t.db)])));
    await relayEvents(t.db);
    const got = await listEventsAfter(t.db, start, 100);
    expect(got).toHaveLength(20);
    expect(new Set(got.map((e) => e.seq)).size).toBe(20);
    expect(new Set(got.map((e) => e.payload.n)).size).toBe(20);
  });
});
