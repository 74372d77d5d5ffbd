/**
 * npm run bench:list [-- --sizes=10000,100000] — SPEC B3: the conversation list (25 rows + meta
 * counts) at 100k conversations / 1M messages: p95 ≤ 50 ms, and at most 4 SQL statements per request
 * whatever the page size.
 *
 * One database grows through the sizes (bench/support/generate-data.ts: N conversations, 10·N
 * messages, set-based SQL, then VACUUM ANALYZE as autovacuum would), two production servers run on
 * it: one connects to Postgres directly and is timed over HTTP (api_access_token, keep-alive, one
 * request at a time, after a warm-up); the other connects through a counting proxy
 * (bench/support/pg-count-proxy.ts) that records each statement the app sends, so the statements
 * per request are those of the real build, authentication included. The list's statements at the
 * largest size are run again under EXPLAIN (ANALYZE, BUFFERS) with their real parameters and the
 * plans saved to bench/results/list-plans-<size>.txt. WF3: the filter endpoint with typical payloads
 * (team and status, a label OR a priority, the contact's email and last activity, an agent's open and
 * unassigned) is timed and explained alike, and its worst p95 is reported against the same budget.
 *
 * Env: BENCH_SIZES (default "10000,100000", or --sizes=…), BENCH_REQUESTS per variant (40),
 * BENCH_LIST_TRY_SQL: statements run on the bench database after the schema's migrations, to try a
 * candidate index before it becomes a migration (printed with the figures and kept in list.json, so
 * a figure taken with it is never mistaken for the committed schema's).
 */
import { writeFileSync } from "node:fs";
import { Client } from "pg";
import { onCleanup, runBench } from "./support/cleanup";
import { assertBuild, benchDatabase, machine, startBridge, startInstances } from "./support/cluster";
import { analyze, generateData } from "./support/generate-data";
import { keepAliveAgent, request } from "./support/http-client";
import { startCountingProxy, type Statement } from "./support/pg-count-proxy";
import { printTable, summarize, writeResults } from "./support/stats";

const sizesArg = process.argv.find((a) => a.startsWith("--sizes="))?.slice("--sizes=".length);
const SIZES = (sizesArg ?? process.env.BENCH_SIZES ?? "10000,100000")
  .split(",")
  .map(Number)
  .sort((a, b) => a - b);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const TRY_SQL = process.env.BENCH_LIST_TRY_SQL?.trim() || null;
const BUDGET_P95_MS = 50;
const BUDGET_STATEMENTS = 4;

/** `json` makes it a POST (the filter endpoint, WF3). */
type Variant = { name: string; token: "admin" | "agent"; path: string; json?: unknown };

/** A statement belongs to the list when it reads conversations or messages (not the token or membership look-up). */
const isListStatement = (s: Statement) => /\b(conversations|messages)\b/.test(s.text);

async function main(): Promise<void> {
  assertBuild();
  if (SIZES.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`--sizes must be integers ≥ 100 (got ${SIZES.join(",")})`);
  const database = await benchDatabase("parley_bench_list");
  const bridge = await startBridge();
  const pg = new Client({ connectionString: database.url });
  // The database is dropped with force on clean-up; a connection still open then must not crash us.
  pg.on("error", () => {});
  await pg.connect();
  onCleanup("close the bench's connection", () => pg.end());
  const target = new URL(database.url);
  const proxy = await startCountingProxy({ host: target.hostname, port: Number(target.port || 5432) });
  onCleanup("close the counting proxy", () => proxy.close());
  const {
    rows: [ctx],
  } = await pg.query<{ account_id: number; admin_token: string; agent_token: string; inbox_id: number }>(
    `select a.id as account_id,
            (select access_token from users where email = $1) as admin_token,
            (select access_token from users where email = 'sam@example.com') as agent_token,
            (select min(id) from inboxes where account_id = a.id) as inbox_id
       from accounts a order by a.id limit 1`,
    [database.adminEmail],
  );
  if (!ctx?.admin_token || !ctx.agent_token) throw new Error("the seeded workspace lacks its administrator or the agent sam@example.com");
  if (TRY_SQL) {
    console.log(`[list] BENCH_LIST_TRY_SQL — not the committed schema: ${TRY_SQL}`);
    await pg.query(TRY_SQL);
  }
  // WF3's typical payloads need some teams and labels: a team for one conversation in five, the
  // label "billing" on one in seven (set after each size's generation, below).
  const existingTeam = await pg.query<{ id: number }>("select id from teams where account_id = $1 and lower(name) = 'bench tier 2'", [ctx.account_id]);
  const teamId =
    existingTeam.rows[0]?.id ??
    (await pg.query<{ id: number }>("insert into teams (account_id, name, allow_auto_assign) values ($1, 'Bench tier 2', false) returning id", [ctx.account_id])).rows[0]!.id;
  const timed = await startInstances({ database, bridge, count: 1, label: "list" });
  const counted = await startInstances({ database, bridge, count: 1, label: "list-counted", env: { DATABASE_URL: proxy.url(database.url) } });
  const base = `/api/v1/accounts/${ctx.account_id}/conversations`;
  const variants: Variant[] = [
    { name: "admin: open, all assignees (default view)", token: "admin", path: `${base}` },
    { name: "admin: open, mine", token: "admin", path: `${base}?assignee_type=me` },
    { name: "admin: open, unassigned", token: "admin", path: `${base}?assignee_type=unassigned` },
    { name: "admin: all statuses, page 3", token: "admin", path: `${base}?status=all&page=3` },
    { name: "admin: one inbox, resolved", token: "admin", path: `${base}?inbox_id=${ctx.inbox_id}&status=resolved` },
    { name: "admin: sort by created_at", token: "admin", path: `${base}?sort_by=created_at_desc` },
    { name: "agent (1 inbox): open, mine", token: "agent", path: `${base}?assignee_type=me` },
    { name: "agent (1 inbox): open, all", token: "agent", path: `${base}` },
    { name: "meta only (admin)", token: "admin", path: `${base}/meta` },
    { name: "meta only (agent)", token: "agent", path: `${base}/meta` },
    // WF3: POST /conversations/filter with Chatwoot's payload (a triage view: open and high/urgent, or labelled).
    {
      name: "filter (admin): open AND priority high|urgent",
      token: "admin",
      path: `${base}/filter`,
      json: {
        payload: [
          { attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "AND" },
          { attribute_key: "priority", filter_operator: "equal_to", values: ["high", "urgent"] },
        ],
      },
    },
    {
      name: "filter (admin): team AND open",
      token: "admin",
      path: `${base}/filter`,
      json: {
        payload: [
          { attribute_key: "team_id", filter_operator: "equal_to", values: [teamId], query_operator: "AND" },
          { attribute_key: "status", filter_operator: "equal_to", values: ["open"] },
        ],
      },
    },
    {
      name: "filter (admin): label billing OR urgent",
      token: "admin",
      path: `${base}/filter`,
      json: {
        payload: [
          { attribute_key: "labels", filter_operator: "equal_to", values: ["billing"], query_operator: "OR" },
          { attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"] },
        ],
      },
    },
    {
      name: "filter (admin): contact email contains, older than 7 days",
      token: "admin",
      path: `${base}/filter`,
      json: {
        payload: [
          { attribute_key: "email", filter_operator: "contains", values: ["example"], query_operator: "AND" },
          { attribute_key: "last_activity_at", filter_operator: "days_before", values: [7] },
        ],
      },
    },
    {
      name: "filter (agent): open AND unassigned",
      token: "agent",
      path: `${base}/filter`,
      json: {
        payload: [
          { attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "AND" },
          { attribute_key: "assignee_id", filter_operator: "is_not_present", values: [] },
        ],
      },
    },
  ];
  const tokens = { admin: ctx.admin_token, agent: ctx.agent_token };
  const agent = keepAliveAgent(4);
  const get = (server: string, v: Variant) =>
    v.json === undefined
      ? request(agent, "GET", `${server}${v.path}`, { headers: { api_access_token: tokens[v.token] } })
      : request(agent, "POST", `${server}${v.path}`, { headers: { api_access_token: tokens[v.token] }, json: v.json });

  const results: Record<string, unknown>[] = [];
  const generation: Record<string, unknown>[] = [];
  let generated = 0;
  for (const [i, size] of SIZES.entries()) {
    const add = size - generated;
    console.log(`[list] generating ${add} conversations and ${add * 10} messages …`);
    const g = await generateData(pg, { accountId: ctx.account_id, conversations: add, tag: `bench${i}`, agents: i === 0 ? 20 : 0 });
    await pg.query("update conversations set team_id = $2 where account_id = $1 and team_id is null and id % 5 = 0", [ctx.account_id, teamId]);
    await pg.query("update conversations set labels = '{billing}' where account_id = $1 and labels = '{}' and id % 7 = 0", [ctx.account_id]);
    const t0 = performance.now();
    await pg.query("vacuum (analyze) conversations, messages, contacts, contact_inboxes, inbox_members, users, account_users");
    await analyze(pg);
    generated = size;
    const {
      rows: [totals],
    } = await pg.query<{ conversations: number; messages: number }>("select (select count(*)::int from conversations) as conversations, (select count(*)::int from messages) as messages");
    generation.push({ size, ...g, vacuum_ms: Math.round(performance.now() - t0), total_conversations: totals!.conversations, total_messages: totals!.messages });
    console.log(`[list] ${totals!.conversations} conversations, ${totals!.messages} messages (generated in ${Math.round(g.ms / 1000)} s, vacuum ${Math.round((performance.now() - t0) / 1000)} s)`);

    // Warm-up, then REQUESTS rounds over every variant (interleaved, so drift hits all alike).
    for (const v of variants) for (let r = 0; r < 3; r++) await get(timed.baseUrls[0]!, v);
    const timings = new Map(variants.map((v) => [v.name, [] as number[]]));
    const rows = new Map<string, number>();
    const failures = new Map<string, string>();
    for (let r = 0; r < REQUESTS; r++) {
      for (const v of variants) {
        const res = await get(timed.baseUrls[0]!, v);
        if (res.status !== 200) {
          failures.set(v.name, `${res.status} ${res.body.slice(0, 200)}`);
          continue;
        }
        timings.get(v.name)!.push(res.ms);
        if (r === 0) rows.set(v.name, pageSize(res.body));
      }
    }
    if (failures.size) throw new Error(`list requests failed: ${[...failures].map(([k, v]) => `${k}: ${v}`).join("; ")}`);

    // Statements per request through the counting server: the fewest over 5 tries (background
    // work of the server — the maintenance sweep — can only add statements, never remove them).
    for (const v of variants) {
      let best: Statement[] | undefined;
      for (let r = 0; r < 5; r++) {
        proxy.take();
        const res = await get(counted.baseUrls[0]!, v);
        await new Promise((resolve) => setImmediate(resolve));
        const seen = proxy.take();
        if (res.status === 200 && (!best || seen.length < best.length)) best = seen;
      }
      const s = summarize(timings.get(v.name)!);
      results.push({
        size,
        variant: v.name,
        rows: rows.get(v.name) ?? 0,
        n: s.n,
        "p50 ms": s.p50,
        "p95 ms": s.p95,
        "p99 ms": s.p99,
        "max ms": s.max,
        statements: best?.length ?? NaN,
        "list statements": best?.filter(isListStatement).length ?? NaN,
        statement_texts: (best ?? []).map((st) => st.text.replace(/\s+/g, " ").slice(0, 160)),
      });
      if (
        i === SIZES.length - 1 &&
        (v.name.startsWith("admin: open, all") || v.name.startsWith("agent (1 inbox): open, mine") || v.name.startsWith("admin: all statuses") || v.name.startsWith("filter"))
      ) {
        await explain(pg, size, v, (best ?? []).filter(isListStatement));
      }
    }
    console.log(`[list] ${size} done`);
  }
  agent.destroy();

  const host = await machine();
  const listRows = results.filter((r) => !String(r.variant).startsWith("meta"));
  const largest = SIZES.at(-1)!;
  const worstP95 = Math.max(...listRows.filter((r) => r.size === largest).map((r) => r["p95 ms"] as number));
  const maxListStatements = Math.max(...results.map((r) => r["list statements"] as number));
  const statementCounts = new Set(listRows.map((r) => r.statements));
  console.log(
    `\nB3 — conversation list over HTTP (budget p95 ≤ ${BUDGET_P95_MS} ms at 100k conversations, ≤ ${BUDGET_STATEMENTS} statements); load average ${host.load_average.join(" ")} on ${host.cpus} CPUs`,
  );
  if (TRY_SQL) console.log(`with BENCH_LIST_TRY_SQL (not the committed schema): ${TRY_SQL}`);
  printTable(results.map(({ statement_texts: _t, ...r }) => r as Record<string, string | number>));
  const filterRows = listRows.filter((r) => r.size === largest && String(r.variant).startsWith("filter"));
  const worstFilterP95 = Math.max(...filterRows.map((r) => r["p95 ms"] as number));
  console.log(
    `\nWF3 — POST /conversations/filter at ${largest} conversations: worst p95 ${worstFilterP95} ms (budget ${BUDGET_P95_MS} ms: ${worstFilterP95 <= BUDGET_P95_MS ? "within" : "OVER"}); ${filterRows.map((r) => `${r.variant}: ${r["p95 ms"]} ms`).join("; ")}`,
  );
  console.log(
    `\nworst list p95 at ${largest}: ${worstP95} ms; list statements per request ≤ ${maxListStatements} (plus authentication); same count for every list variant: ${statementCounts.size === 1}`,
  );
  writeResults("list", {
    budget: { p95_ms: BUDGET_P95_MS, statements: BUDGET_STATEMENTS, at_conversations: 100_000 },
    requests_per_variant: REQUESTS,
    try_sql: TRY_SQL,
    machine: host,
    generation,
    worst_list_p95_ms_at_largest: worstP95,
    worst_filter_p95_ms_at_largest: worstFilterP95,
    largest_size: largest,
    max_list_statements: maxListStatements,
    statements_same_for_every_page: statementCounts.size === 1,
    results,
    plans: `bench/results/list-plans-${largest}.txt`,
  });
}

function pageSize(body: string): number {
  const parsed = JSON.parse(body) as { data?: { payload?: unknown[] }; meta?: unknown };
  return parsed.data?.payload?.length ?? 0;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the real statements with their real parameters, appended to the plans file. */
async function explain(pg: Client, size: number, v: Variant, statements: Statement[]): Promise<void> {
  const file = `bench/results/list-plans-${size}.txt`;
  let out = "";
  for (const [i, st] of statements.entries()) {
    await pg.query("deallocate all");
    await pg.query(`prepare bench_q as ${st.text}`);
    const args = st.params.map((p) => (p === null ? "null" : `'${p.replaceAll("'", "''")}'`)).join(", ");
    const { rows } = await pg.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) execute bench_q${args ? `(${args})` : ""}`);
    out += `=== ${size} conversations — ${v.name} — statement ${i + 1} of ${statements.length}\n${st.text}\n-- params: ${JSON.stringify(st.params)}\n\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}\n\n`;
  }
  await pg.query("deallocate all");
  writeFileSync(file, out, { flag: v.name.startsWith("admin: open, all") ? "w" : "a" });
}

runBench("bench:list", main, 12 * 60_000);
