/**
 * npm run bench:ingest — SPEC B2 as a ratio to the floor (issue 19): sustained ingest through the
 * Client API, Parley against the minimal durable server of bench/floor in the SAME run.
 *
 * Both run on one fresh Postgres database (the demo workspace for Parley, `floor_*` tables for the
 * floor) and the same Redis transport (BENCH_STORE=rest — the Upstash-REST bridge in its own process,
 * the default — or tcp, REDIS_URL; "rest,tcp" runs both). For each level of concurrency N (N
 * conversations each posting one message after another: BENCH_CONCURRENCY, default "16,64") the two
 * servers are measured in interleaved rounds — Parley, floor, floor, Parley, … — BENCH_ROUNDS (3)
 * each, every round a warm-up (BENCH_WARMUP_S, 2) then a measuring window (BENCH_DURATION_S, 6).
 * Figures are the median over rounds; the ratio is Parley ÷ floor (throughput; for p99, Parley ÷
 * floor as a multiple). Afterwards SQL checks every accepted message is stored with its event (M4),
 * on both servers. BENCH_INSTANCES (1) servers of each kind, requests alternating between them.
 *
 * Parley's abuse limits are lifted (M2, W6: every request comes from 127.0.0.1); the floor has none.
 * BENCH_INGEST_TRY_SQL: statements run on the bench database first (a candidate index), printed and
 * kept in ingest.json so such a figure is never mistaken for the committed schema's.
 */
import os from "node:os";
import { Client } from "pg";
import { runBench } from "./support/cleanup";
import { assertBuild, benchDatabase, LIFTED_LIMITS, machine, startBridge, startFloor, startInstances, TRANSPORTS, transportEnv, type BenchDatabase, type Transport } from "./support/cluster";
import { keepAliveAgent, pooled, request, requestJson } from "./support/http-client";
import { printTable, round, summarize, writeResults } from "./support/stats";

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? "16,64").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 6);
const TARGET_RATIO = 0.5;
const TRY_SQL = process.env.BENCH_INGEST_TRY_SQL?.trim() || null;

type Kind = "parley" | "floor";
type Round = { kind: Kind; round: number; "msgs/s": number; "p50 ms": number; "p99 ms": number; errors: number; load1: number };

async function websiteToken(database: BenchDatabase): Promise<string> {
  const pg = new Client({ connectionString: database.url });
  pg.on("error", () => {});
  await pg.connect();
  try {
    const { rows } = await pg.query<{ website_token: string }>("select website_token from web_widgets order by id limit 1");
    if (!rows[0]) throw new Error("the seeded database has no website inbox");
    return rows[0].website_token;
  } finally {
    await pg.end();
  }
}

async function createConversations(token: string, baseUrls: string[], count: number): Promise<string[]> {
  const agent = keepAliveAgent(16);
  try {
    return await pooled(count, 16, async (i) => {
      const base = `${baseUrls[i % baseUrls.length]}/public/api/v1/inboxes/${token}`;
      const contact = await requestJson<{ source_id: string }>(agent, "POST", `${base}/contacts`, { json: { name: `Ingest Visitor ${i}` } });
      const conversation = await requestJson<{ id: number }>(agent, "POST", `${base}/contacts/${contact.source_id}/conversations`, { json: {} });
      return `/public/api/v1/inboxes/${token}/contacts/${contact.source_id}/conversations/${conversation.id}/messages`;
    });
  } finally {
    agent.destroy();
  }
}

/** One measuring round: `concurrency` conversations, each posting one message after another. */
async function measure(kind: Kind, baseUrls: string[], paths: string[], concurrency: number, tag: string, r: number): Promise<Round> {
  const agent = keepAliveAgent(concurrency + 4);
  const started = performance.now();
  const windowStart = started + WARMUP_S * 1000;
  const windowEnd = windowStart + DURATION_S * 1000;
  const latencies: number[] = [];
  let inWindow = 0;
  let errors = 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const url = baseUrls[worker % baseUrls.length]! + paths[worker]!;
      while (performance.now() < windowEnd) {
        const id = `${tag}-${r}-${n++}`;
        const res = await request(agent, "POST", url, { json: { content: id, echo_id: id } });
        const t = performance.now();
        if (res.status !== 200) {
          errors++;
          if (errors <= 3) console.warn(`[ingest] ${kind}: ${res.status || "network error"} ${res.body.slice(0, 160)}`);
        }
        if (t >= windowStart && t <= windowEnd && res.status === 200) {
          latencies.push(res.ms);
          inWindow++;
        }
      }
    }),
  );
  agent.destroy();
  const s = summarize(latencies);
  return { kind, round: r + 1, "msgs/s": round(inWindow / DURATION_S), "p50 ms": s.p50, "p99 ms": s.p99, errors, load1: round(os.loadavg()[0]!, 2) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Every accepted message stored with its event: Parley's `message.created` (M4), the floor's outbox row. */
async function storedCheck(database: BenchDatabase, transport: Transport) {
  const pg = new Client({ connectionString: database.url });
  pg.on("error", () => {});
  await pg.connect();
  try {
    const parley = await pg.query<{ stored: number; missing: number }>(
      `select count(*)::int as stored, count(*) filter (where not exists (
          select 1 from events e where e.type = 'message.created' and e.conversation_id = m.conversation_id and (e.payload->>'id')::int = m.id))::int as missing
         from messages m where m.content like $1`,
      [`ingest-parley-${transport}-%`],
    );
    const floor = await pg.query<{ stored: number; missing: number }>(
      `select count(*)::int as stored, count(*) filter (where not exists (
          select 1 from floor_events e where e.conversation_id = m.conversation_id and (e.payload->>'id')::bigint = m.id))::int as missing
         from floor_messages m where m.content like $1`,
      [`ingest-floor-${transport}-%`],
    );
    return { parley: parley.rows[0]!, floor: floor.rows[0]! };
  } finally {
    await pg.end();
  }
}

async function main(): Promise<void> {
  assertBuild();
  const database = await benchDatabase("parley_bench_ingest");
  if (TRY_SQL) {
    console.log(`[ingest] BENCH_INGEST_TRY_SQL — not the committed schema: ${TRY_SQL}`);
    const pg = new Client({ connectionString: database.url });
    await pg.connect();
    await pg.query(TRY_SQL).finally(() => pg.end());
  }
  const bridge = await startBridge();
  const token = await websiteToken(database);
  const loadBefore = os.loadavg();
  const figures: Record<string, unknown>[] = [];
  const rounds: Record<string, unknown>[] = [];
  const checks: Record<string, unknown> = {};
  for (const transport of TRANSPORTS) {
    const parley = await startInstances({ database, bridge, count: INSTANCES, label: `ingest-${transport}`, env: { ...LIFTED_LIMITS, ...transportEnv(transport) } });
    const floor = await startFloor({ database, bridge, count: INSTANCES, transport, label: `ingest-${transport}` });
    const most = Math.max(...CONCURRENCIES);
    const paths = { parley: await createConversations(token, parley.baseUrls, most), floor: await createConversations(token, floor.baseUrls, most) };
    for (const concurrency of CONCURRENCIES) {
      const done: Round[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        // Parley, floor, floor, Parley, …: drift in the machine's load hits both alike.
        const order: Kind[] = r % 2 === 0 ? ["parley", "floor"] : ["floor", "parley"];
        for (const kind of order) {
          const servers = kind === "parley" ? parley : floor;
          const result = await measure(kind, servers.baseUrls, paths[kind], concurrency, `ingest-${kind}-${transport}-${concurrency}`, r);
          done.push(result);
          console.log(`[ingest] ${transport} ${concurrency} at once, round ${r + 1} ${kind}: ${result["msgs/s"]} msgs/s, p99 ${result["p99 ms"]} ms, load ${result.load1}`);
        }
      }
      rounds.push(...done.map((d) => ({ transport, concurrency, ...d })));
      const of = (kind: Kind) => done.filter((d) => d.kind === kind);
      const m = (kind: Kind, key: "msgs/s" | "p50 ms" | "p99 ms") => round(median(of(kind).map((d) => d[key])));
      const errors = (kind: Kind) => of(kind).reduce((a, d) => a + d.errors, 0);
      const ratio = round(m("parley", "msgs/s") / m("floor", "msgs/s"), 3);
      figures.push({
        transport,
        "at once": concurrency,
        "Parley msgs/s": m("parley", "msgs/s"),
        "floor msgs/s": m("floor", "msgs/s"),
        ratio,
        "Parley p99 ms": m("parley", "p99 ms"),
        "floor p99 ms": m("floor", "p99 ms"),
        "p99 ×": round(m("parley", "p99 ms") / m("floor", "p99 ms"), 2),
        "Parley errors": errors("parley"),
        "floor errors": errors("floor"),
        target_met: ratio >= TARGET_RATIO && errors("parley") === 0,
      });
    }
    checks[transport] = await storedCheck(database, transport);
    await parley.stop();
    await floor.stop();
  }
  const host = await machine();
  console.log(
    `\nB2 — ingest as a ratio to the floor (target ≥ ${TARGET_RATIO}×, 0 errors, every accepted message stored with its event); median of ${ROUNDS} interleaved rounds; load average before ${loadBefore.map((n) => round(n, 2)).join(" ")}, after ${host.load_average.join(" ")} on ${host.cpus} CPUs`,
  );
  if (TRY_SQL) console.log(`with BENCH_INGEST_TRY_SQL (not the committed schema): ${TRY_SQL}`);
  printTable(figures as Record<string, string | number | boolean>[]);
  console.log(`stored with their events: ${JSON.stringify(checks)}`);
  writeResults("ingest", {
    target: { ratio: TARGET_RATIO, errors: 0 },
    try_sql: TRY_SQL,
    rounds_per_server: ROUNDS,
    warmup_s: WARMUP_S,
    duration_s: DURATION_S,
    instances: INSTANCES,
    lifted_limits: LIFTED_LIMITS,
    machine: { ...host, load_average_before: loadBefore.map((n) => round(n, 2)) },
    figures,
    stored: checks,
    rounds,
  });
}

runBench("bench:ingest", main, 10 * 60_000);
