/**
 * npm run bench:reports — the reports' speed budget (issue "Reports and customer satisfaction"): at
 * 100k conversations / 1M messages, a 30-day summary answers p95 ≤ 100 ms and a 365-day daily series
 * p95 ≤ 200 ms.
 *
 * A fresh Postgres database with the demo workspace, filled by the list benchmark's generator
 * (bench/support/generate-data.ts) with a year of history instead of 90 days; then the reporting
 * events are built the way an existing install gets them — `npm run reports:backfill`'s function,
 * timed — and the message rollup folded; VACUUM ANALYZE as autovacuum would. The report routes are
 * called in-process (the handlers Next runs: authentication, membership, validation, queries, JSON)
 * with the administrator's api_access_token, one request at a time, after a warm-up, interleaved so
 * drift hits every variant alike. HTTP and Next's routing are not in the figure (≈ 1 ms on bench:list).
 *
 * Env: BENCH_CONVERSATIONS (100000), BENCH_REQUESTS per variant (40).
 */
import { Client } from "pg";
import { openDatabase, installDatabase } from "@/db/client";
import { backfillReportingEvents } from "@/lib/reports/backfill";
import { foldAllMessageRollups } from "@/lib/reports/message-rollup";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { RouteHandler } from "@/lib/http/edge";
import * as seriesRoute from "@/app/api/v2/accounts/[accountId]/reports/route";
import * as summaryRoute from "@/app/api/v2/accounts/[accountId]/reports/summary/route";
import * as agentTableRoute from "@/app/api/v2/accounts/[accountId]/summary_reports/agent/route";
import * as liveRoute from "@/app/api/v2/accounts/[accountId]/reports/conversations/route";
import { onCleanup, runBench } from "./support/cleanup";
import { benchDatabase, machine } from "./support/cluster";
import { analyze, generateData } from "./support/generate-data";
import { printTable, summarize, writeResults } from "./support/stats";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const DAY = 86_400;
const BUDGET = { summary: 100, series: 200 };

type Variant = { name: string; kind: "summary" | "series" | "other"; handler: RouteHandler; query: Record<string, string | number> };

async function main(): Promise<void> {
  const database = await benchDatabase("parley_bench_reports");
  const pg = new Client({ connectionString: database.url });
  pg.on("error", () => {});
  await pg.connect();
  onCleanup("close the bench's connection", () => pg.end());
  const {
    rows: [ctx],
  } = await pg.query<{ account_id: number; admin_token: string }>("select a.id as account_id, (select access_token from users where email = $1) as admin_token from accounts a order by a.id limit 1", [
    database.adminEmail,
  ]);
  if (!ctx?.admin_token) throw new Error("the seeded workspace lacks its administrator");

  console.log(`[reports] generating ${CONVERSATIONS} conversations and ${CONVERSATIONS * 10} messages over a year …`);
  const g = await generateData(pg, { accountId: ctx.account_id, conversations: CONVERSATIONS, tag: "reports", historyDays: 365 });
  await pg.query("vacuum (analyze) conversations, messages");
  await analyze(pg);

  const app = await openDatabase({ DATABASE_URL: database.url, DATA_DIR: ".data", DATABASE_POOL_MAX: 4 });
  onCleanup("close the app's pool", () => app.close());
  installDatabase(app);
  installCoordinationStore(createMemoryStore());
  const t0 = performance.now();
  const backfill = await backfillReportingEvents(app.db, { batch: 2000 });
  const backfillMs = Math.round(performance.now() - t0);
  const t1 = performance.now();
  await foldAllMessageRollups(app.db);
  const foldMs = Math.round(performance.now() - t1);
  await pg.query("vacuum (analyze) reporting_events, report_message_rollups");
  const {
    rows: [totals],
  } = await pg.query<{ conversations: number; messages: number; events: number; rollup_rows: number }>(
    `select (select count(*)::int from conversations) as conversations, (select count(*)::int from messages) as messages,
            (select count(*)::int from reporting_events) as events, (select count(*)::int from report_message_rollups) as rollup_rows`,
  );
  console.log(
    `[reports] ${totals!.conversations} conversations, ${totals!.messages} messages; backfill ${backfill.events} events in ${Math.round(backfillMs / 1000)} s, rollup fold ${Math.round(foldMs / 1000)} s (${totals!.rollup_rows} rows)`,
  );

  const until = Math.floor(Date.now() / 1000 / DAY) * DAY + DAY;
  const last30 = { since: until - 30 * DAY, until };
  const year = { since: until - 365 * DAY, until };
  const variants: Variant[] = [
    { name: "summary, 30 days (+ previous 30)", kind: "summary", handler: summaryRoute.GET, query: { ...last30, type: "account" } },
    { name: "summary, 30 days, business hours", kind: "summary", handler: summaryRoute.GET, query: { ...last30, type: "account", business_hours: "true" } },
    { name: "summary, 30 days, one inbox", kind: "summary", handler: summaryRoute.GET, query: { ...last30, type: "inbox", id: await firstInbox(pg, ctx.account_id) } },
    { name: "series: conversations per day, 365 days", kind: "series", handler: seriesRoute.GET, query: { ...year, metric: "conversations_count", timezone_offset: -5 } },
    { name: "series: incoming messages per day, 365 days", kind: "series", handler: seriesRoute.GET, query: { ...year, metric: "incoming_messages_count", timezone_offset: 5.5 } },
    { name: "series: avg first response per day, 365 days", kind: "series", handler: seriesRoute.GET, query: { ...year, metric: "avg_first_response_time" } },
    { name: "series: resolutions per day, 365 days", kind: "series", handler: seriesRoute.GET, query: { ...year, metric: "resolutions_count" } },
    { name: "agents table, 30 days", kind: "other", handler: agentTableRoute.GET, query: last30 },
    { name: "live counts (account)", kind: "other", handler: liveRoute.GET, query: { type: "account" } },
  ];
  const call = async (v: Variant): Promise<number> => {
    const url = new URL(`http://bench.local/api/v2/accounts/${ctx.account_id}/reports?${new URLSearchParams(Object.entries(v.query).map(([k, x]) => [k, String(x)]))}`);
    const started = performance.now();
    const res = await v.handler(new Request(url, { headers: { api_access_token: ctx.admin_token } }), { params: Promise.resolve({ accountId: String(ctx.account_id) }) });
    await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${v.name}: ${res.status}`);
    return ms;
  };
  for (const v of variants) for (let i = 0; i < 3; i++) await call(v);
  const timings = new Map(variants.map((v) => [v.name, [] as number[]]));
  for (let r = 0; r < REQUESTS; r++) for (const v of variants) timings.get(v.name)!.push(await call(v));

  const results = variants.map((v) => {
    const s = summarize(timings.get(v.name)!);
    const budget = v.kind === "other" ? null : BUDGET[v.kind];
    return { variant: v.name, n: s.n, "p50 ms": s.p50, "p95 ms": s.p95, "p99 ms": s.p99, "max ms": s.max, "budget ms": budget, budget_met: budget === null ? null : s.p95 <= budget };
  });
  const host = await machine();
  console.log(`\nReports at ${totals!.conversations} conversations / ${totals!.messages} messages; load average ${host.load_average.join(" ")} on ${host.cpus} CPUs`);
  printTable(results);
  const worst = (kind: "summary" | "series") => Math.max(...results.filter((r, i) => variants[i]!.kind === kind).map((r) => r["p95 ms"]));
  writeResults("reports", {
    machine: host,
    conversations: totals!.conversations,
    messages: totals!.messages,
    reporting_events: totals!.events,
    rollup_rows: totals!.rollup_rows,
    generate_ms: g.ms,
    backfill_ms: backfillMs,
    fold_ms: foldMs,
    worst_summary_p95_ms: worst("summary"),
    worst_series_p95_ms: worst("series"),
    results,
  });
}

async function firstInbox(pg: Client, accountId: number): Promise<number> {
  const { rows } = await pg.query<{ id: number }>("select min(id) as id from inboxes where account_id = $1", [accountId]);
  return rows[0]!.id;
}

runBench("bench:reports", main, 20 * 60_000);
