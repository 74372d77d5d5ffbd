import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { FOLD_LAG_MS } from "./message-rollup";
import { eventScope, type ReportScope } from "./report-scope";

export const DAY_MS = 86_400_000;
/** The events a summary averages or counts; the only ones rolled up. */
export const ROLLED_EVENTS = ["first_response", "conversation_resolved", "reply_time"] as const;
/** At most this much history per fold, so a first fold over a large database is a series of short steps. */
const FOLD_STEP_MS = 31 * DAY_MS;
const LOCK = sql`hashtext('parley:report_event_rollup')`;

const floorDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The UTC midnight up to which report_event_rollups holds every event (the epoch before the first fold). */
export async function eventsRolledThrough(db: Db): Promise<Date> {
  const [row] = await queryRows<{ at: Date | string }>(db, sql`select events_rolled_through as at from report_rollup_state where id = 1`);
  return row ? new Date(row.at) : new Date(0);
}

/**
 * Folds the events of whole UTC days after the watermark into `report_event_rollups`: one step of at
 * most 31 days from the first event after the watermark, never past the last midnight at least five
 * minutes old (an event's end time is taken before its transaction commits). Holds the advisory key
 * that the late-event trigger shares, and moves the watermark in the same transaction, so no event is
 * counted twice or missed. Returns the new watermark and whether more history is waiting.
 */
export async function foldEventRollups(db: Db, now = new Date()): Promise<{ through: Date; more: boolean }> {
  const limit = floorDay(now.getTime() - FOLD_LAG_MS);
  return db.transaction(async (tx) => {
    const [locked] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${LOCK}) as ok`);
    const from = await eventsRolledThrough(tx);
    if (!locked?.ok || from.getTime() >= limit) return { through: from, more: false };
    const [next] = await queryRows<{ at: Date | string | null }>(tx, sql`select min(event_end_time) as at from reporting_events where event_end_time >= ${from}`);
    const through = next?.at ? Math.min(limit, floorDay(new Date(next.at).getTime()) + FOLD_STEP_MS) : limit;
    const upTo = new Date(through);
    if (next?.at)
      await tx.execute(sql`
        insert into report_event_rollups (account_id, day, name, inbox_id, user_id, n, sum_value, sum_business_hours)
        select account_id, (event_end_time at time zone 'UTC')::date, name, coalesce(inbox_id, 0), coalesce(user_id, 0), count(*), sum(value), sum(value_in_business_hours)
          from reporting_events
         where event_end_time >= ${from} and event_end_time < ${upTo} and name in (${sql.join(
           ROLLED_EVENTS.map((n) => sql`${n}`),
           sql`, `,
         )})
         group by 1, 2, 3, 4, 5
        on conflict (account_id, day, name, inbox_id, user_id) do update
           set n = report_event_rollups.n + excluded.n,
               sum_value = report_event_rollups.sum_value + excluded.sum_value,
               sum_business_hours = report_event_rollups.sum_business_hours + excluded.sum_business_hours`);
    await tx.execute(sql`
      insert into report_rollup_state (id, rolled_through, events_rolled_through) values (1, 'epoch', ${upTo})
      on conflict (id) do update set events_rolled_through = excluded.events_rolled_through`);
    return { through: upTo, more: through < limit };
  });
}

/** Folds until caught up (the backfill script, the benchmark's set-up). */
export async function foldAllEventRollups(db: Db, now = new Date()): Promise<Date> {
  for (;;) {
    const { through, more } = await foldEventRollups(db, now);
    if (!more) return through;
  }
}

/** A tagged half-open period [since, until) of a summary. */
export type EventPeriod = { tag: number; since: Date; until: Date };
export type EventTotal = { n: number; sum: number };

/**
 * Count and sum of each rolled-up event per period, `${tag}:${name}` → totals, in one statement: the
 * whole UTC days before the watermark from the rollup, the rest (the partial days at the ends, today)
 * from reporting_events' covering index. Label and team scopes depend on the conversation, which the
 * rollup does not keep, so they read events only.
 */
export async function eventTotals(db: Db, accountId: number, scope: ReportScope, periods: EventPeriod[], businessHours: boolean): Promise<Map<string, EventTotal>> {
  const rollable = scope.type === "account" || scope.type === "inbox" || scope.type === "agent";
  const through = rollable ? (await eventsRolledThrough(db)).getTime() : 0;
  const names = sql.join(
    ROLLED_EVENTS.map((n) => sql`${n}`),
    sql`, `,
  );
  const col = businessHours ? sql`e.value_in_business_hours` : sql`e.value`;
  const raw = (tag: number, a: number, b: number): SQL =>
    sql`select ${tag}::int as tag, e.name, count(*) as n, sum(${col}) as s from reporting_events e
         where e.account_id = ${accountId} and e.name in (${names}) and e.event_end_time >= ${new Date(a)} and e.event_end_time < ${new Date(b)} and ${eventScope(scope)}
         group by e.name`;
  const rolledScope = scope.type === "inbox" ? sql` and r.inbox_id = ${scope.id}` : scope.type === "agent" ? sql` and r.user_id = ${scope.id}` : sql``;
  const rolled = (tag: number, a: number, b: number): SQL =>
    sql`select ${tag}::int as tag, r.name, sum(r.n) as n, sum(${businessHours ? sql`r.sum_business_hours` : sql`r.sum_value`}) as s from report_event_rollups r
         where r.account_id = ${accountId} and r.day >= ${isoDay(a)}::date and r.day < ${isoDay(b)}::date${rolledScope}
         group by r.name`;
  const parts: SQL[] = [];
  for (const { tag, since, until } of periods) {
    const a = since.getTime();
    const b = until.getTime();
    const lo = Math.ceil(a / DAY_MS) * DAY_MS;
    const hi = Math.min(floorDay(b), through);
    if (!rollable || hi <= lo) {
      parts.push(raw(tag, a, b));
      continue;
    }
    if (a < lo) parts.push(raw(tag, a, lo));
    parts.push(rolled(tag, lo, hi));
    if (hi < b) parts.push(raw(tag, hi, b));
  }
  const rows = await queryRows<{ tag: number | string; name: string; n: number | string; s: number | string | null }>(
    db,
    sql`select tag, name, sum(n) as n, sum(s) as s from (${sql.join(parts, sql` union all `)}) x group by 1, 2`,
  );
  return new Map(rows.map((r) => [`${Number(r.tag)}:${r.name}`, { n: Number(r.n), sum: Number(r.s ?? 0) }]));
}
