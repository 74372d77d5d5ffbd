/**
 * npm run bench:ingest — SPEC B2: sustained ingest ≥ 500 messages/s with no errors.
 *
 * The production build (`npm start`) on a fresh Postgres database and real Redis (Upstash-REST
 * bridge in its own process), at 1 and then 2 instances (two `next start` processes on the same
 * database and Redis, requests alternating between them as a round-robin load balancer would).
 * This process is the load client: node:http with keep-alive and a bounded number of requests in
 * flight, posting visitor messages through the Client API
 * (POST /public/api/v1/inboxes/{token}/contacts/{source_id}/conversations/{id}/messages) over many
 * conversations. Each phase: a warm-up (not counted), then a fixed measuring window; throughput is
 * the answers received inside the window, latency is that of those requests, errors are counted by status.
 * Afterwards SQL checks that every accepted message is stored and has its `message.created` event.
 *
 * Limits lifted for the run (the budget measures ingest, not the abuse limits): M2
 * CONVERSATION_MESSAGE_PER_MINUTE_LIMIT and the W6 per-IP limits (every request comes from 127.0.0.1).
 *
 * Env: BENCH_INSTANCES ("1,2"), BENCH_CONVERSATIONS (500), BENCH_CONCURRENCY (32 per instance),
 * BENCH_WARMUP_S (5), BENCH_DURATION_S (20). BENCH_INGEST_TRY_SQL: statements run on the bench
 * database after the migrations — to measure the schema with or without an index back to back
 * (docs/search.md drops the search columns this way); printed and kept in ingest.json, so such a
 * figure is never mistaken for the committed schema's.
 */
import { Client } from "pg";
import { runBench } from "./support/cleanup";
import { assertBuild, benchDatabase, LIFTED_LIMITS, machine, startBridge, startInstances, type BenchDatabase, type Bridge } from "./support/cluster";
import { keepAliveAgent, pooled, request, requestJson } from "./support/http-client";
import { printTable, round, summarize, writeResults } from "./support/stats";

const INSTANCES = (process.env.BENCH_INSTANCES ?? "1,2").split(",").map(Number);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 5);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const BUDGET = 500;
const TRY_SQL = process.env.BENCH_INGEST_TRY_SQL?.trim() || null;

async function websiteToken(database: BenchDatabase): Promise<string> {
  const pg = new Client({ connectionString: database.url });
  pg.on("error", () => {}); // the database may be dropped under it on Ctrl+C
  await pg.connect();
  try {
    const { rows } = await pg.query<{ website_token: string }>("select website_token from web_widgets order by id limit 1");
    if (!rows[0]) throw new Error("the seeded database has no website inbox");
    return rows[0].website_token;
  } finally {
    await pg.end();
  }
}

type Phase = {
  instances: number;
  concurrency: number;
  conversations: number;
  "msgs/s": number;
  "p50 ms": number;
  "p95 ms": number;
  "p99 ms": number;
  "max ms": number;
  sent: number;
  accepted: number;
  errors: number;
  errors_by_status: Record<string, number>;
  error_samples: string[];
  stored: number;
  missing_events: number;
  budget_met: boolean;
};

let conversationPaths: string[] | undefined;

async function createConversations(database: BenchDatabase, baseUrls: string[], agent: ReturnType<typeof keepAliveAgent>): Promise<string[]> {
  const token = await websiteToken(database);
  return pooled(CONVERSATIONS, 16, async (i) => {
    const base = `${baseUrls[i % baseUrls.length]}/public/api/v1/inboxes/${token}`;
    const contact = await requestJson<{ source_id: string }>(agent, "POST", `${base}/contacts`, { json: { name: `Ingest Visitor ${i}` } });
    const conversation = await requestJson<{ id: number }>(agent, "POST", `${base}/contacts/${contact.source_id}/conversations`, { json: {} });
    return `/public/api/v1/inboxes/${token}/contacts/${contact.source_id}/conversations/${conversation.id}/messages`;
  });
}

async function runPhase(database: BenchDatabase, bridge: Bridge, instances: number): Promise<Phase> {
  const label = `ingest-${instances}`;
  const servers = await startInstances({ database, bridge, count: instances, label, env: LIFTED_LIMITS });
  const concurrency = CONCURRENCY * instances;
  const agent = keepAliveAgent(concurrency + 8);
  try {
    // Visitors with a conversation each, spread over the instances; created once and reused by
    // later phases (they share the database).
    conversationPaths ??= await createConversations(database, servers.baseUrls, agent);
    const urls = conversationPaths;
    console.log(`[ingest] ${instances} instance(s): ${CONVERSATIONS} conversations ready; warm-up ${WARMUP_S} s, then ${DURATION_S} s at ${concurrency} in flight`);

    const started = performance.now();
    const windowStart = started + WARMUP_S * 1000;
    const windowEnd = windowStart + DURATION_S * 1000;
    const latencies: number[] = [];
    const byStatus: Record<string, number> = {};
    let seq = 0;
    let sent = 0;
    let accepted = 0;
    let inWindow = 0;
    const samples: string[] = [];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < windowEnd) {
          const n = seq++;
          const url = servers.baseUrls[n % instances]! + urls[n % urls.length]!;
          const res = await request(agent, "POST", url, { json: { content: `ingest-${instances}-${n}`, echo_id: `ingest-${instances}-${n}` } });
          const t1 = performance.now();
          sent++;
          const ok = res.status === 200;
          if (ok) accepted++;
          if (t1 >= windowStart && t1 <= windowEnd) {
            latencies.push(res.ms);
            if (ok) inWindow++;
            if (!ok) byStatus[String(res.status || "network")] = (byStatus[String(res.status || "network")] ?? 0) + 1;
          } else if (!ok) {
            byStatus[`${res.status || "network"} (outside the window)`] = (byStatus[`${res.status || "network"} (outside the window)`] ?? 0) + 1;
          }
          if (!ok && samples.length < 5) {
            samples.push(`${res.status || "network error"}: ${res.body.slice(0, 200)}`);
            console.warn(`[ingest] ${samples.at(-1)}`);
          }
        }
      }),
    );
    agent.destroy();

    // Every accepted message stored, each with its message.created event (same transaction, M4).
    const pg = new Client({ connectionString: database.url });
    pg.on("error", () => {}); // the database may be dropped under it on Ctrl+C
    await pg.connect();
    let stored = 0;
    let missing = 0;
    try {
      const { rows } = await pg.query<{ stored: number; missing: number }>(
        `select count(*)::int as stored,
                count(*) filter (where not exists (
                  select 1 from events e where e.type = 'message.created' and e.conversation_id = m.conversation_id and (e.payload->>'id')::int = m.id
                ))::int as missing
           from messages m where m.content like $1`,
        [`ingest-${instances}-%`],
      );
      stored = rows[0]!.stored;
      missing = rows[0]!.missing;
    } finally {
      await pg.end();
    }
    const s = summarize(latencies);
    const errors = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const rate = round(inWindow / DURATION_S);
    return {
      instances,
      concurrency,
      conversations: CONVERSATIONS,
      "msgs/s": rate,
      "p50 ms": s.p50,
      "p95 ms": s.p95,
      "p99 ms": s.p99,
      "max ms": s.max,
      sent,
      accepted,
      errors,
      errors_by_status: byStatus,
      error_samples: samples,
      stored,
      missing_events: missing,
      budget_met: rate >= BUDGET && errors === 0 && stored === accepted && missing === 0,
    };
  } finally {
    agent.destroy();
    await servers.stop();
  }
}

async function main(): Promise<void> {
  assertBuild();
  const database = await benchDatabase("parley_bench_ingest");
  if (TRY_SQL) {
    console.log(`[ingest] BENCH_INGEST_TRY_SQL — not the committed schema: ${TRY_SQL}`);
    const pg = new Client({ connectionString: database.url });
    await pg.connect();
    try {
      await pg.query(TRY_SQL);
    } finally {
      await pg.end();
    }
  }
  const bridge = await startBridge();
  const phases: Phase[] = [];
  for (const n of INSTANCES) {
    phases.push(await runPhase(database, bridge, n));
    console.log(`[ingest] ${n} instance(s) done: ${phases.at(-1)!["msgs/s"]} msgs/s`);
  }
  const host = await machine();
  console.log(`\nB2 — sustained ingest through the Client API (budget ≥ ${BUDGET} msgs/s, no errors); load average ${host.load_average.join(" ")} on ${host.cpus} CPUs`);
  if (TRY_SQL) console.log(`with BENCH_INGEST_TRY_SQL (not the committed schema): ${TRY_SQL}`);
  printTable(phases.map(({ errors_by_status, error_samples: _s, ...p }) => ({ ...p, errors_by_status: JSON.stringify(errors_by_status) })));
  writeResults("ingest", { budget: { messages_per_s: BUDGET, errors: 0 }, try_sql: TRY_SQL, warmup_s: WARMUP_S, duration_s: DURATION_S, lifted_limits: LIFTED_LIMITS, machine: host, phases });
}

runBench("bench:ingest", main, 5 * 60_000);
