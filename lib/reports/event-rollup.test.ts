import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { reportingEvents } from "@/db/schema";
import { buildWorld } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { DAY_MS, eventsRolledThrough, eventTotals, foldAllEventRollups, foldEventRollups, type EventPeriod } from "./event-rollup";
import type { ReportScope } from "./report-scope";

const NOW = new Date("2026-06-10T12:00:00.000Z");
const MIDNIGHT = Date.UTC(2026, 5, 10);
const at = (daysAgo: number, hour: number) => new Date(MIDNIGHT - daysAgo * DAY_MS + hour * 3_600_000);

type World = Awaited<ReturnType<typeof buildWorld>>;

async function insertEvent(db: Db, w: World, name: string, end: Date, value: number, opts: { userId?: number | null; business?: number } = {}) {
  const [row] = await db
    .insert(reportingEvents)
    .values({
      accountId: w.account.id,
      name: name as "first_response",
      value,
      valueInBusinessHours: opts.business ?? value / 2,
      inboxId: w.inbox.id,
      userId: opts.userId === undefined ? w.agent.id : opts.userId,
      eventStartTime: new Date(end.getTime() - value * 1000),
      eventEndTime: end,
    })
    .returning({ id: reportingEvents.id });
  return row!.id;
}

/** What the totals must be: a plain aggregate over reporting_events, no rollup involved. */
async function plainTotals(db: Db, accountId: number, scope: ReportScope, periods: EventPeriod[], businessHours: boolean) {
  const out = new Map<string, { n: number; sum: number }>();
  const col = businessHours ? sql`value_in_business_hours` : sql`value`;
  const where = scope.type === "inbox" ? sql` and inbox_id = ${scope.id}` : scope.type === "agent" ? sql` and user_id = ${scope.id}` : sql``;
  for (const p of periods) {
    const rows = await queryRows<{ name: string; n: string | number; s: string | number }>(
      db,
      sql`select name, count(*) as n, sum(${col}) as s from reporting_events
           where account_id = ${accountId} and name in ('first_response', 'conversation_resolved', 'reply_time')
             and event_end_time >= ${p.since} and event_end_time < ${p.until}${where} group by name`,
    );
    for (const r of rows) out.set(`${p.tag}:${r.name}`, { n: Number(r.n), sum: Number(r.s) });
  }
  return out;
}

describe.each(backends)("reporting event rollup on %s", (backend) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { poolMax: 4 });
    w = await buildWorld(t.db, { enableAutoAssignment: false });
    // Ten days of events, at odd hours, some without a user (a system resolution), today included.
    for (let d = 0; d <= 10; d++) {
      await insertEvent(t.db, w, "first_response", at(d, 3), 60 + d);
      await insertEvent(t.db, w, "reply_time", at(d, 23.5), 30 * (d + 1));
      if (d % 3 === 0) await insertEvent(t.db, w, "conversation_resolved", at(d, 9.25), 3600 + d, { userId: null });
    }
    await insertEvent(t.db, w, "conversation_opened", at(2, 4), 0);
  });
  afterAll(async () => closeTestDatabase(t));

  // Periods ending on and off midnight, in a UTC−5 and a UTC+5:30 clock, today included.
  const periods: EventPeriod[] = [
    { tag: 0, since: new Date(at(9, 5).getTime()), until: new Date(at(4, 5).getTime()) },
    { tag: 1, since: new Date(at(4, 5).getTime()), until: new Date(MIDNIGHT + DAY_MS + 5 * 3_600_000) },
    { tag: 2, since: new Date(at(8, 0).getTime() - 5.5 * 3_600_000), until: new Date(at(1, 0).getTime() - 5.5 * 3_600_000) },
    { tag: 3, since: new Date(at(7, 0).getTime()), until: new Date(at(2, 0).getTime()) },
  ];
  const scopes = (): ReportScope[] => [{ type: "account" }, { type: "inbox", id: w.inbox.id }, { type: "agent", id: w.agent.id }];

  async function expectTotalsMatchEvents() {
    for (const scope of scopes())
      for (const business of [false, true]) {
        const got = await eventTotals(t.db, w.account.id, scope, periods, business);
        const want = await plainTotals(t.db, w.account.id, scope, periods, business);
        expect(Object.fromEntries(got), `${scope.type}, business hours ${business}`).toEqual(Object.fromEntries(want));
      }
  }

  it("folds whole UTC days up to the last midnight five minutes old; totals equal a plain aggregate of the events", async () => {
    await expectTotalsMatchEvents(); // nothing folded: every figure from the events
    expect(await foldEventRollups(t.db, NOW)).toEqual({ through: new Date(MIDNIGHT), more: false });
    expect((await eventsRolledThrough(t.db)).getTime()).toBe(MIDNIGHT);
    const [rolled] = await queryRows<{ n: number | string }>(t.db, sql`select coalesce(sum(n), 0) as n from report_event_rollups where account_id = ${w.account.id}`);
    expect(Number(rolled!.n)).toBe(10 * 2 + 3); // days 1–10 (not today): a first response and a reply each, resolutions on days 3, 6 and 9
    await expectTotalsMatchEvents();
    // A fold at 00:03 the next day stays before that midnight (an event of today may still commit).
    expect((await foldEventRollups(t.db, new Date(MIDNIGHT + DAY_MS + 3 * 60_000))).through.getTime()).toBe(MIDNIGHT);
  });

  it("an event written or deleted for a day already folded updates that day's rollup row (the late-event trigger)", async () => {
    await foldAllEventRollups(t.db, NOW);
    const late = await insertEvent(t.db, w, "first_response", at(6, 13), 999);
    await insertEvent(t.db, w, "reply_time", at(3, 1), 77, { userId: null });
    await expectTotalsMatchEvents();
    await t.db.delete(reportingEvents).where(sql`${reportingEvents.id} = ${late}`);
    await expectTotalsMatchEvents();
  });
});

describe("reporting event rollup under concurrency on postgres", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres", { poolMax: 4 });
  });
  afterAll(async () => closeTestDatabase(t));

  it("a fold that meets an open transaction writing a late event waits for the next sweep and then counts it exactly once", async () => {
    const w = await buildWorld(t.db, { enableAutoAssignment: false });
    await insertEvent(t.db, w, "first_response", at(3, 2), 100);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const writer = t.db.transaction(async (tx) => {
      await insertEvent(tx, w, "first_response", at(5, 2), 200); // a past day: the trigger takes the shared key
      inserted();
      await held;
    });
    await insertedYet;
    expect(await foldEventRollups(t.db, NOW)).toEqual({ through: new Date(0), more: false });
    release();
    await writer;
    await foldAllEventRollups(t.db, NOW);
    const totals = await eventTotals(t.db, w.account.id, { type: "account" }, [{ tag: 1, since: new Date(MIDNIGHT - 7 * DAY_MS), until: new Date(MIDNIGHT) }], false);
    expect(totals.get("1:first_response")).toEqual({ n: 2, sum: 300 });
    const [rolled] = await queryRows<{ n: number | string }>(t.db, sql`select coalesce(sum(n), 0) as n from report_event_rollups where account_id = ${w.account.id}`);
    expect(Number(rolled!.n)).toBe(2);
  });
});
