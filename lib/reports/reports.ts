import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { BUCKET_MS } from "./message-rollup";
import { AVERAGE_EVENT, bucketStarts, messageCounts, metricByBucket, type ReportRange } from "./metrics";
import type { ReportMetric, SeriesQuery, SummaryQuery, TableQuery } from "./report-params";
import { eventTotals, type EventPeriod } from "./event-rollup";
import { resolveScope, type ReportScope } from "./report-scope";

/** Chatwoot's summary (`V2::Reports::Conversations::MetricBuilder#summary`); averages in seconds, null without events. */
export type Summary = Record<ReportMetric, number | null>;

const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));

const rangeOf = (since: number, until: number, offsetMinutes = 0): ReportRange => ({ since: new Date(since * 1000), until: new Date(until * 1000), offsetMinutes });

/** The four event figures of both periods (1 = the range, 0 = the period before), in one statement. */
async function eventFigures(db: Db, accountId: number, scope: ReportScope, periods: EventPeriod[], businessHours: boolean) {
  const totals = await eventTotals(db, accountId, scope, periods, businessHours);
  const avg = (cur: 0 | 1, name: string) => {
    const t = totals.get(`${cur}:${name}`);
    return t && t.n > 0 ? t.sum / t.n : null;
  };
  return (cur: 0 | 1) => ({
    avg_first_response_time: avg(cur, "first_response"),
    avg_resolution_time: avg(cur, "conversation_resolved"),
    resolutions_count: totals.get(`${cur}:conversation_resolved`)?.n ?? 0,
    reply_time: avg(cur, "reply_time"),
  });
}

/**
 * Both periods at once: three statements (events, conversations, messages) over the two periods,
 * split at `since`. Message counts split exactly only on a 15-minute boundary (the rollup's bucket);
 * otherwise each period is counted on its own.
 */
async function summaries(db: Db, accountId: number, scope: ReportScope, current: ReportRange, previousSince: Date, businessHours: boolean): Promise<[Summary, Summary]> {
  const whole: ReportRange = { since: previousSince, until: current.until, offsetMinutes: current.offsetMinutes };
  const split = { splitAt: current.since };
  const aligned = current.since.getTime() % BUCKET_MS === 0;
  const [events, conversationsBy, messagesBy] = await Promise.all([
    eventFigures(
      db,
      accountId,
      scope,
      [
        { tag: 0, since: previousSince, until: current.since },
        { tag: 1, since: current.since, until: current.until },
      ],
      businessHours,
    ),
    metricByBucket(db, accountId, scope, "conversations_count", whole, split, businessHours),
    aligned
      ? messageCounts(db, accountId, scope, whole, split)
      : Promise.all([messageCounts(db, accountId, scope, { ...current, since: previousSince, until: current.since }, "all"), messageCounts(db, accountId, scope, current, "all")]).then(
          ([before, now]) => new Map([...(before.has(0) ? [[0, before.get(0)!] as const] : []), ...(now.has(0) ? [[1, now.get(0)!] as const] : [])]),
        ),
  ]);
  const one = (cur: 0 | 1): Summary => ({
    conversations_count: conversationsBy.get(cur)?.value ?? 0,
    incoming_messages_count: messagesBy.get(cur)?.incoming ?? 0,
    outgoing_messages_count: messagesBy.get(cur)?.outgoing ?? 0,
    ...events(cur),
  });
  return [one(1), one(0)];
}

/**
 * GET /api/v2/accounts/:id/reports/summary: the range and the period of the same length before it
 * (`previous`), as Chatwoot's dashboard compares them.
 */
export async function reportSummary(db: Db, accountId: number, q: SummaryQuery): Promise<Summary & { previous: Summary }> {
  const scope = await resolveScope(db, accountId, q.type, q.id);
  const length = q.until - q.since;
  const [current, previous] = await summaries(db, accountId, scope, rangeOf(q.since, q.until, q.timezone_offset), new Date((q.since - length) * 1000), q.business_hours);
  return { ...current, previous };
}

export type SeriesPoint = { value: number; timestamp: number; count?: number };

/**
 * GET /api/v2/accounts/:id/reports: one metric per bucket in the caller's time zone, every bucket of
 * the range present (0 when empty). Averages carry `count`, the number of events averaged.
 */
export async function reportSeries(db: Db, accountId: number, q: SeriesQuery): Promise<SeriesPoint[]> {
  const scope = await resolveScope(db, accountId, q.type, q.id);
  const range = rangeOf(q.since, q.until, q.timezone_offset);
  const values = await metricByBucket(db, accountId, scope, q.metric, range, q.group_by, q.business_hours);
  const averaged = Boolean(AVERAGE_EVENT[q.metric]);
  return bucketStarts(range, q.group_by).map((timestamp) => {
    const v = values.get(timestamp);
    return averaged ? { value: v?.value ?? 0, timestamp, count: v?.count ?? 0 } : { value: v?.value ?? 0, timestamp };
  });
}

/** A row of the per-entity tables (`V2::Reports::*SummaryBuilder`). */
export type EntityRow = {
  id: number;
  conversations_count: number;
  resolved_conversations_count: number;
  avg_resolution_time: number | null;
  avg_first_response_time: number | null;
  avg_reply_time: number | null;
};
export type Entity = "agent" | "inbox" | "label" | "team";

type EventAggregate = { key: string | number; resolved: string | number; resolution: string | number | null; first: string | number | null; reply: string | number | null };

/** The grouping key of each entity's table on reporting_events (`e`), and what it reads. */
const EVENT_KEY: Record<Entity, { key: SQL; from: SQL }> = {
  agent: { key: sql`e.user_id`, from: sql`reporting_events e` },
  inbox: { key: sql`e.inbox_id`, from: sql`reporting_events e` },
  label: { key: sql`t.title`, from: sql`reporting_events e join conversations c on c.id = e.conversation_id cross join unnest(c.labels) t(title)` },
  team: { key: sql`c.team_id`, from: sql`reporting_events e join conversations c on c.id = e.conversation_id and c.team_id is not null` },
};

/** The same on conversations (`c`): an agent's conversations are those assigned to them. */
const CONVERSATION_KEY: Record<Entity, { key: SQL; from: SQL }> = {
  agent: { key: sql`c.assignee_id`, from: sql`conversations c` },
  inbox: { key: sql`c.inbox_id`, from: sql`conversations c` },
  label: { key: sql`t.title`, from: sql`conversations c cross join unnest(c.labels) t(title)` },
  team: { key: sql`c.team_id`, from: sql`conversations c` },
};

async function eventAggregates(db: Db, accountId: number, entity: Entity, q: TableQuery): Promise<Map<string, EventAggregate>> {
  const col = q.business_hours ? sql`e.value_in_business_hours` : sql`e.value`;
  const { key, from } = EVENT_KEY[entity];
  const rows = await queryRows<EventAggregate>(
    db,
    sql`select ${key} as key,
               count(*) filter (where e.name = 'conversation_resolved') as resolved,
               avg(${col}) filter (where e.name = 'conversation_resolved') as resolution,
               avg(${col}) filter (where e.name = 'first_response') as first,
               avg(${col}) filter (where e.name = 'reply_time') as reply
          from ${from}
         where e.account_id = ${accountId} and e.name in ('conversation_resolved', 'first_response', 'reply_time')
           and e.event_end_time >= ${new Date(q.since * 1000)} and e.event_end_time < ${new Date(q.until * 1000)}
         group by 1`,
  );
  return new Map(rows.map((r) => [String(r.key), r]));
}

async function conversationCounts(db: Db, accountId: number, entity: Entity, q: TableQuery): Promise<Map<string, number>> {
  const { key, from } = CONVERSATION_KEY[entity];
  const rows = await queryRows<{ key: string | number; n: string | number }>(
    db,
    sql`select ${key} as key, count(*) as n from ${from}
         where c.account_id = ${accountId} and c.created_at >= ${new Date(q.since * 1000)} and c.created_at < ${new Date(q.until * 1000)}
         group by 1`,
  );
  return new Map(rows.map((r) => [String(r.key), Number(r.n)]));
}

/** The entities of a table, in the order the dashboard lists them. */
async function entitiesOf(db: Db, accountId: number, entity: Entity): Promise<{ id: number; key: string; name: string; extra?: Record<string, string> }[]> {
  if (entity === "agent") {
    const agents = await listAgentsByAccount(db, { accountId });
    return agents.map((a) => ({ id: a.id, key: String(a.id), name: a.name, extra: { email: a.email } }));
  }
  if (entity === "inbox") {
    const rows = await queryRows<{ id: number; name: string; channel_type: string }>(db, sql`select id, name, channel_type from inboxes where account_id = ${accountId} order by id`);
    return rows.map((r) => ({ id: Number(r.id), key: String(r.id), name: r.name, extra: { channel_type: r.channel_type } }));
  }
  if (entity === "team") {
    const rows = await queryRows<{ id: number; name: string }>(db, sql`select id, name from teams where account_id = ${accountId} order by name, id`);
    return rows.map((r) => ({ id: Number(r.id), key: String(r.id), name: r.name }));
  }
  const rows = await queryRows<{ id: number; title: string }>(db, sql`select id, title from labels where account_id = ${accountId} order by title`);
  return rows.map((r) => ({ id: Number(r.id), key: r.title, name: r.title }));
}

export type NamedEntityRow = EntityRow & { name: string; extra?: Record<string, string> };

/**
 * GET /api/v2/accounts/:id/summary_reports/{agent,inbox,label,team}: one row per agent, inbox, label
 * or team of the account. A team's figures are those of the conversations it holds now.
 */
export async function summaryTable(db: Db, accountId: number, entity: Entity, q: TableQuery): Promise<NamedEntityRow[]> {
  const [entities, events, counts] = await Promise.all([entitiesOf(db, accountId, entity), eventAggregates(db, accountId, entity, q), conversationCounts(db, accountId, entity, q)]);
  return entities.map((e) => {
    const ev = events.get(e.key);
    return {
      id: e.id,
      name: e.name,
      extra: e.extra,
      conversations_count: counts.get(e.key) ?? 0,
      resolved_conversations_count: Number(ev?.resolved ?? 0),
      avg_resolution_time: num(ev?.resolution),
      avg_first_response_time: num(ev?.first),
      avg_reply_time: num(ev?.reply),
    };
  });
}

/** The JSON rows of a table, Chatwoot's shape (labels also carry `name`, as Chatwoot's do). */
export function presentTable(entity: Entity, rows: NamedEntityRow[]): Record<string, unknown>[] {
  return rows.map(({ name, extra: _extra, ...row }) => (entity === "label" ? { ...row, name } : row));
}
