/**
 * npm run bench:search — search at size: p95 ≤ 50 ms for one- and two-word queries at 1M messages
 * and 100k contacts (docs/search.md).
 *
 * One database (migrations + demo workspace) is filled by the list benchmark's generator in its
 * realistic mode (bench/support/generate-data.ts: 100k conversations, 10 messages each, 100k
 * contacts, English and Russian text and names), vacuumed and analysed as autovacuum would, and one
 * production server on it is timed over HTTP (api_access_token, keep-alive, one request at a time,
 * after a warm-up, the variants interleaved so drift hits all alike).
 *
 * Env: BENCH_SEARCH_CONVERSATIONS (100000; 10 messages each), BENCH_SEARCH_CONTACTS (100000),
 * BENCH_REQUESTS per variant (40).
 */
import { Client } from "pg";
import { onCleanup, runBench } from "./support/cleanup";
import { assertBuild, benchDatabase, machine, startBridge, startInstances } from "./support/cluster";
import { analyze, generateData } from "./support/generate-data";
import { keepAliveAgent, request } from "./support/http-client";
import { printTable, summarize, writeResults } from "./support/stats";

const CONVERSATIONS = Number(process.env.BENCH_SEARCH_CONVERSATIONS ?? 100_000);
const CONTACTS = Number(process.env.BENCH_SEARCH_CONTACTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const BUDGET_P95_MS = 50;

type Variant = { name: string; words: 1 | 2; token: "admin" | "agent"; kind: "" | "messages" | "contacts" | "conversations"; q: string };

/** One- and two-word queries a person would type, English and Russian, common and rare words, prefixes. */
const VARIANTS: Variant[] = [
  { name: "messages: common English word", words: 1, token: "admin", kind: "messages", q: "order" },
  { name: "messages: English word in another form", words: 1, token: "admin", kind: "messages", q: "refunds" },
  { name: "messages: Russian word in another form", words: 1, token: "admin", kind: "messages", q: "заказы" },
  { name: "messages: rarer Russian word", words: 1, token: "admin", kind: "messages", q: "клавиатуру" },
  { name: "messages: prefix being typed", words: 1, token: "admin", kind: "messages", q: "доста" },
  { name: "messages: order number", words: 1, token: "admin", kind: "messages", q: "#4321" },
  { name: "messages: two English words", words: 2, token: "admin", kind: "messages", q: "refund delivery" },
  { name: "messages: two Russian words", words: 2, token: "admin", kind: "messages", q: "возврат доставки" },
  { name: "messages: two rare words", words: 2, token: "admin", kind: "messages", q: "printer warranty" },
  { name: "messages: quoted phrase", words: 2, token: "admin", kind: "messages", q: '"order please"' },
  { name: "messages: agent, two words", words: 2, token: "agent", kind: "messages", q: "заказ курьер" },
  { name: "contacts: first name", words: 1, token: "admin", kind: "contacts", q: "ivan" },
  { name: "contacts: Russian surname, partial", words: 1, token: "admin", kind: "contacts", q: "Петро" },
  { name: "contacts: full name", words: 2, token: "admin", kind: "contacts", q: "mary smith" },
  { name: "contacts: phone digits, formatted", words: 2, token: "admin", kind: "contacts", q: "916 004-21" },
  { name: "contacts: agent, e-mail part", words: 1, token: "agent", kind: "contacts", q: "johnson" },
  { name: "conversations: #display id", words: 1, token: "admin", kind: "conversations", q: "#54321" },
  { name: "conversations: contact name", words: 2, token: "agent", kind: "conversations", q: "Анна Смирнов" },
  { name: "all kinds: one word", words: 1, token: "admin", kind: "", q: "refund" },
  { name: "all kinds: two words", words: 2, token: "agent", kind: "", q: "заказ доставка" },
];

async function main(): Promise<void> {
  assertBuild();
  const database = await benchDatabase("parley_bench_search");
  const bridge = await startBridge();
  const pg = new Client({ connectionString: database.url });
  pg.on("error", () => {});
  await pg.connect();
  onCleanup("close the bench's connection", () => pg.end());
  const {
    rows: [ctx],
  } = await pg.query<{ account_id: number; admin_token: string; agent_token: string }>(
    `select a.id as account_id,
            (select access_token from users where email = $1) as admin_token,
            (select access_token from users where email = 'sam@example.com') as agent_token
       from accounts a order by a.id limit 1`,
    [database.adminEmail],
  );
  if (!ctx?.admin_token || !ctx.agent_token) throw new Error("the seeded workspace lacks its administrator or the agent sam@example.com");

  console.log(`[search] generating ${CONVERSATIONS} conversations, ${CONVERSATIONS * 10} messages and ${CONTACTS} contacts (English and Russian) …`);
  const g = await generateData(pg, { accountId: ctx.account_id, conversations: CONVERSATIONS, contacts: CONTACTS, tag: "search", realistic: true });
  const t0 = performance.now();
  await pg.query("vacuum (analyze) conversations, messages, contacts, contact_inboxes, inbox_members, users, account_users");
  await analyze(pg);
  const vacuumMs = Math.round(performance.now() - t0);
  const {
    rows: [totals],
  } = await pg.query<{ messages: number; contacts: number; index_mb: number }>(
    `select (select count(*)::int from messages) as messages, (select count(*)::int from contacts) as contacts,
            round((pg_relation_size('messages_search_vector_idx') + pg_relation_size('contacts_search_text_trgm_idx') + pg_relation_size('contacts_phone_digits_trgm_idx')) / 1048576.0)::int as index_mb`,
  );
  console.log(
    `[search] ${totals!.messages} messages, ${totals!.contacts} contacts (generated in ${Math.round(g.ms / 1000)} s, vacuum ${Math.round(vacuumMs / 1000)} s; search indexes ${totals!.index_mb} MB)`,
  );

  const server = await startInstances({ database, bridge, count: 1, label: "search" });
  const base = `${server.baseUrls[0]!}/api/v1/accounts/${ctx.account_id}/search`;
  const tokens = { admin: ctx.admin_token, agent: ctx.agent_token };
  const agent = keepAliveAgent(2);
  const get = (v: Variant) => request(agent, "GET", `${base}${v.kind ? `/${v.kind}` : ""}?q=${encodeURIComponent(v.q)}`, { headers: { api_access_token: tokens[v.token] } });

  for (const v of VARIANTS) for (let r = 0; r < 3; r++) await get(v);
  const timings = new Map(VARIANTS.map((v) => [v.name, [] as number[]]));
  const found = new Map<string, number>();
  for (let r = 0; r < REQUESTS; r++) {
    for (const v of VARIANTS) {
      const res = await get(v);
      if (res.status !== 200) throw new Error(`${v.name}: ${res.status} ${res.body.slice(0, 200)}`);
      timings.get(v.name)!.push(res.ms);
      if (r === 0) found.set(v.name, resultCount(res.body));
    }
  }
  agent.destroy();

  const results = VARIANTS.map((v) => {
    const s = summarize(timings.get(v.name)!);
    return { variant: v.name, q: v.q, words: v.words, results: found.get(v.name) ?? 0, n: s.n, "p50 ms": s.p50, "p95 ms": s.p95, "p99 ms": s.p99, "max ms": s.max };
  });
  const worstP95 = Math.max(...results.map((r) => r["p95 ms"]));
  const host = await machine();
  console.log(
    `\nSearch over HTTP at ${totals!.messages.toLocaleString("en")} messages / ${totals!.contacts.toLocaleString("en")} contacts (budget p95 ≤ ${BUDGET_P95_MS} ms); load average ${host.load_average.join(" ")} on ${host.cpus} CPUs`,
  );
  printTable(results);
  console.log(`\nworst p95: ${worstP95} ms`);
  writeResults("search", {
    budget: { p95_ms: BUDGET_P95_MS, at_messages: 1_000_000, at_contacts: 100_000 },
    requests_per_variant: REQUESTS,
    machine: host,
    generation: { ...g, vacuum_ms: vacuumMs, total_messages: totals!.messages, total_contacts: totals!.contacts, search_index_mb: totals!.index_mb },
    worst_p95_ms: worstP95,
    results,
  });
}

function resultCount(body: string): number {
  const { payload } = JSON.parse(body) as { payload: Record<string, unknown[]> };
  return Object.values(payload).reduce((n, list) => n + list.length, 0);
}

runBench("bench:search", main, 25 * 60_000);
