import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { BUCKET_MS, floorToBucket, rolledThrough } from "./message-rollup";
import type { GroupBy, ReportMetric } from "./report-params";
import { conversationScope, eventScope, type ReportScope } from "./report-scope";

/** A half-open time range [since, until) and the caller's clock (minutes east of UTC). */
export type ReportRange = { since: Date; until: Date; offsetMinutes: number };
/** "all" folds the whole range into one bucket; `{ splitAt }` into two, 0 before the instant and 1 from it (a summary and its previous period). */
export type Bucketing = GroupBy | "all" | { splitAt: Date };
export type BucketValue = { value: number | null; count: number };

export const AVERAGE_EVENT: Partial<Record<ReportMetric, string>> = {
  avg_first_response_time: "first_response",
  avg_resolution_time: "conversation_resolved",
  reply_time: "reply_time",
};

/** Epoch seconds of the bucket containing `col`, on a clock `offset` minutes east of UTC. */
function bucketSql(col: SQL, bucket: Bucketing, offset: number): SQL {
  if (bucket === "all") return sql`0`;
  if (typeof bucket === "object") return sql`(${col} >= ${bucket.splitAt})::int`;
  const local = sql`((${col} at time zone 'UTC') + make_interval(mins => ${offset}::int))`;
  const truncated = bucket === "week" ? sql`(date_trunc('week', ${local} + interval '1 day') - interval '1 day')` : sql`date_trunc(${bucket}, ${local})`;
  return sql`extract(epoch from ${truncated} - make_interval(mins => ${offset}::int))::bigint`;
}

type Row = { bucket: string | number; value: string | number | null; count: string | number };

async function grouped(db: Db, query: SQL): Promise<Map<number, BucketValue>> {
  const rows = await queryRows<Row>(db, query);
  return new Map(rows.map((r) => [Number(r.bucket), { value: r.value === null ? null : Number(r.value), count: Number(r.count) }]));
}

/** One metric over the range, per bucket (only buckets with data; fillBuckets adds the empty ones). */
export async function metricByBucket(
  db: Db,
  accountId: number,
  scope: ReportScope,
  metric: ReportMetric,
  range: ReportRange,
  bucket: Bucketing,
  businessHours: boolean,
): Promise<Map<number, BucketValue>> {
  const { since, until, offsetMinutes: offset } = range;
  const averaged = AVERAGE_EVENT[metric];
  if (averaged) {
    const col = businessHours ? sql`e.value_in_business_hours` : sql`e.value`;
    return grouped(
      db,
      sql`select ${bucketSql(sql`e.event_end_time`, bucket, offset)} as bucket, avg(${col}) as value, count(*) as count
            from reporting_events e
           where e.account_id = ${accountId} and e.name = ${averaged} and e.event_end_time >= ${since} and e.event_end_time < ${until} and ${eventScope(scope)}
           group by 1`,
    );
  }
  if (metric === "resolutions_count") {
    return grouped(
      db,
      sql`select ${bucketSql(sql`e.event_end_time`, bucket, offset)} as bucket, count(*) as value, count(*) as count
            from reporting_events e
           where e.account_id = ${accountId} and e.name = 'conversation_resolved' and e.event_end_time >= ${since} and e.event_end_time < ${until} and ${eventScope(scope)}
           group by 1`,
    );
  }
  if (metric === "conversations_count") {
    return grouped(
      db,
      sql`select ${bucketSql(sql`c.created_at`, bucket, offset)} as bucket, count(*) as value, count(*) as count
            from conversations c
           where c.account_id = ${accountId} and c.created_at >= ${since} and c.created_at < ${until} and ${conversationScope(scope)}
           group by 1`,
    );
  }
  const direction = metric === "incoming_messages_count" ? "incoming" : "outgoing";
  const counts = await messageCounts(db, accountId, scope, range, bucket);
  return new Map([...counts].map(([k, v]) => [k, { value: v[direction], count: v[direction] }]));
}

/**
 * Incoming and outgoing messages per bucket: whole 15-minute buckets up to the rollup's watermark
 * from report_message_rollups, the partial buckets at the range's ends and everything after the
 * watermark from messages (served by its BRIN index on created_at). A label's or team's messages are
 * not rolled up (both change after the fact), so those scopes read messages joined to their conversations.
 */
export async function messageCounts(db: Db, accountId: number, scope: ReportScope, range: ReportRange, bucket: Bucketing): Promise<Map<number, { incoming: number; outgoing: number }>> {
  const { since, until, offsetMinutes: offset } = range;
  const rawWhere = (from: Date, to: Date) => {
    const base = sql`m.account_id = ${accountId} and m.message_type in ('incoming', 'outgoing') and m.created_at >= ${from} and m.created_at < ${to}`;
    switch (scope.type) {
      case "account":
        return base;
      case "inbox":
        return sql`${base} and m.inbox_id = ${scope.id}`;
      case "agent":
        return sql`${base} and m.message_type = 'outgoing' and m.sender_type = 'user' and m.sender_id = ${scope.id}`;
      case "label":
        return sql`${base} and exists (select 1 from conversations c where c.id = m.conversation_id and c.labels @> array[${scope.title}]::text[])`;
      case "team":
        return sql`${base} and exists (select 1 from conversations c where c.id = m.conversation_id and c.team_id = ${scope.id})`;
    }
  };
  const raw = (from: Date, to: Date) =>
    sql`select ${bucketSql(sql`m.created_at`, bucket, offset)} as bucket, (m.message_type = 'incoming')::int as inc, (m.message_type = 'outgoing')::int as out from messages m where ${rawWhere(from, to)}`;

  const watermark = scope.type === "label" || scope.type === "team" ? 0 : (await rolledThrough(db)).getTime();
  const a = Math.ceil(since.getTime() / BUCKET_MS) * BUCKET_MS;
  const b = Math.min(floorToBucket(until.getTime()), watermark);
  let parts: SQL[];
  if (b <= a) parts = [raw(since, until)];
  else {
    const rollWhere = scope.type === "inbox" ? sql` and r.sender_id = 0 and r.inbox_id = ${scope.id}` : scope.type === "agent" ? sql` and r.sender_id = ${scope.id}` : sql` and r.sender_id = 0`;
    const rolled = sql`select ${bucketSql(sql`r.bucket_start`, bucket, offset)} as bucket, r.incoming as inc, r.outgoing as out
                         from report_message_rollups r
                        where r.account_id = ${accountId} and r.bucket_start >= ${new Date(a)} and r.bucket_start < ${new Date(b)}${rollWhere}`;
    // Ranges on whole buckets (what the dashboard sends) have no partial bucket at the start.
    parts = [...(a > since.getTime() ? [raw(since, new Date(a))] : []), rolled, ...(until.getTime() > b ? [raw(new Date(b), until)] : [])];
  }
  const rows = await queryRows<{ bucket: string | number; inc: string | number; out: string | number }>(
    db,
    sql`select bucket, sum(inc) as inc, sum(out) as out from (${sql.join(parts, sql` union all `)}) x group by 1`,
  );
  return new Map(rows.map((r) => [Number(r.bucket), { incoming: Number(r.inc), outgoing: Number(r.out) }]));
}

/** The bucket starts (epoch seconds) from the one containing `since` up to `until`, on the caller's clock. */
export function bucketStarts(range: ReportRange, bucket: GroupBy): number[] {
  const off = range.offsetMinutes * 60_000;
  const local = new Date(range.since.getTime() + off);
  let d: Date;
  switch (bucket) {
    case "hour":
      d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), local.getUTCHours()));
      break;
    case "day":
      d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
      break;
    case "week":
      d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - local.getUTCDay()));
      break;
    case "month":
      d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1));
      break;
    case "year":
      d = new Date(Date.UTC(local.getUTCFullYear(), 0, 1));
      break;
  }
  const out: number[] = [];
  const end = range.until.getTime() + off;
  while (d.getTime() < end) {
    out.push((d.getTime() - off) / 1000);
    const n = new Date(d);
    if (bucket === "hour") n.setUTCHours(n.getUTCHours() + 1);
    else if (bucket === "day") n.setUTCDate(n.getUTCDate() + 1);
    else if (bucket === "week") n.setUTCDate(n.getUTCDate() + 7);
    else if (bucket === "month") n.setUTCMonth(n.getUTCMonth() + 1);
    else n.setUTCFullYear(n.getUTCFullYear() + 1);
    d = n;
  }
  return out;
}
