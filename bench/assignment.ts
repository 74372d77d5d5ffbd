/**
 * B6 — auto-assignment under concurrency (SPEC §13): 1,000 conversations created concurrently over 10
 * online agents, on a fresh Postgres database and real Redis — once through the Upstash store and the
 * test bridge (REST), once through the TCP store (ioredis); BENCH_STORE=rest|tcp runs one.
 * `npm run bench:assignment`; prints a table and writes bench/results/assignment.json.
 *
 * Three phases (the first two with 1,000 conversations at CONCURRENCY in flight):
 * 1. create → assigned: the engine's createConversation, which commits the conversation and then
 *    auto-assigns it (A1); timed from the call to its return with the assignee set;
 * 2. autoAssign alone: conversations created with auto-assignment off, then switched on and
 *    `autoAssign(db, id)` called for all of them concurrently; timed per call;
 * 3. autoAssign one at a time (200 calls): the cost of one assignment without queueing.
 * Each checks: no conversation has more than one assignment activity message (double assignment), how
 * many were left unassigned (a coordination timeout leaves one for the sweep, R2), and
 * per-agent counts (max − min).
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { and, eq, inArray, like } from "drizzle-orm";
import { openDatabase, type Database } from "@/db/client";
import { inboxes, messages } from "@/db/schema";
import { autoAssign } from "@/lib/assignment/auto-assign";
import { installCoordinationStore } from "@/lib/redis";
import { createTcpStore } from "@/lib/redis/tcp-store";
import { createUpstashStore } from "@/lib/redis/upstash-store";
import { assigneesOf, buildAssignmentWorld, countByAssignee } from "@/test/support/assignment-world";
import { createEmptyPostgresDatabase, dropPostgresDatabase } from "@/test/support/db";
import { deleteRedisPrefix } from "@/test/support/stores";
import { runScript } from "@/scripts/run-script";
import { startProbe, type ProbeSummary } from "./support/phase-probe";

const TOTAL = Number(process.env.BENCH_TOTAL ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const POOL = Number(process.env.BENCH_POOL ?? 20);
const AGENTS = 10;

type PhaseResult = {
  phase: string;
  measured: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  throughput_per_s: number;
  unassigned: number;
  double_assignments: number;
  per_agent_min: number;
  per_agent_max: number;
  spread: number;
  /** Where the phase's time went (bench/support/phase-probe.ts); with BENCH_CPU_PROF, its CPU profile. */
  probe?: ProbeSummary;
};

async function pooled<T>(count: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;

async function check(database: Database, inboxId: number, phase: string, measured: string, timings: number[], wallMs: number): Promise<PhaseResult> {
  const rows = await assigneesOf(database.db, inboxId);
  const ids = rows.map((r) => r.id);
  const activity = await database.db
    .select({ id: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.messageType, "activity"), like(messages.content, "Assigned to % via auto-assignment"), inArray(messages.conversationId, ids)));
  const perConversation = new Map<number, number>();
  for (const a of activity) perConversation.set(a.id, (perConversation.get(a.id) ?? 0) + 1);
  const counts = [...countByAssignee(rows.filter((r) => r.assigneeId !== null)).values()];
  const sorted = [...timings].sort((a, b) => a - b);
  return {
    phase,
    measured,
    n: timings.length,
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    max_ms: round(sorted.at(-1) ?? 0),
    throughput_per_s: round((timings.length / wallMs) * 1000),
    unassigned: rows.filter((r) => r.assigneeId === null).length,
    double_assignments: [...perConversation.values()].filter((n) => n > 1).length,
    per_agent_min: Math.min(...counts),
    per_agent_max: Math.max(...counts),
    spread: Math.max(...counts) - Math.min(...counts),
  };
}

/** Starts bench/support/bridge-process.ts and waits for its address. */
async function startBridgeProcess(): Promise<{ url: string; token: string; close(): void }> {
  const child = spawn("node_modules/.bin/tsx", ["bench/support/bridge-process.ts"], { stdio: ["pipe", "pipe", "inherit"] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bridge process exited (${code})`)));
  });
  const { url, token } = JSON.parse(first) as { url: string; token: string };
  return { url, token, close: () => void child.kill("SIGTERM") };
}

async function runTransport(transport: "rest" | "tcp"): Promise<PhaseResult[]> {
  const { name, url } = await createEmptyPostgresDatabase("parley_bench");
  const database = await openDatabase({ DATABASE_URL: url, DATA_DIR: ".data", DATABASE_POOL_MAX: POOL });
  // REST: the Upstash store through the bridge (its own process); TCP: ioredis straight to redis-server.
  const bridge = transport === "rest" ? await startBridgeProcess() : undefined;
  const prefix = `parley-bench-${Date.now()}`;
  const store = bridge ? createUpstashStore({ url: bridge.url, token: bridge.token, prefix }) : createTcpStore({ url: REDIS_URL, prefix });
  installCoordinationStore(store);
  const results: PhaseResult[] = [];
  const probe = (label: string) => startProbe({ databaseUrl: url, databaseName: name, poolStats: database.poolStats, label: `${transport}-${label}` });
  try {
    await database.migrate();
    const now = new Date();
    const agents = Array.from({ length: AGENTS }, () => ({}));

    // Phase 1: create → assigned through the engine.
    // Warm-up in an inbox of its own: pool connections opened, Lua scripts loaded.
    const warm = await buildAssignmentWorld(database.db, store, { agents, now });
    await pooled(CONCURRENCY, CONCURRENCY, () => warm.open(new Date()));
    const w1 = await buildAssignmentWorld(database.db, store, { agents, now: new Date() });
    const p1 = await probe("create");
    const t1 = Date.now();
    const created = await pooled(TOTAL, CONCURRENCY, async () => {
      const start = performance.now();
      await w1.open(new Date());
      return performance.now() - start;
    });
    const wall1 = Date.now() - t1;
    const probe1 = await p1.stop();
    results.push({ ...(await check(database, w1.inbox.id, `${transport}: create → assigned`, "createConversation call, commit + after-commit autoAssign", created, wall1)), probe: probe1 });

    // Phase 2: autoAssign alone over conversations created unassigned.
    const w2 = await buildAssignmentWorld(database.db, store, { agents, now: new Date(), inbox: { enableAutoAssignment: false } });
    const waiting = await pooled(TOTAL, CONCURRENCY, () => w2.open(new Date()));
    await database.db.update(inboxes).set({ enableAutoAssignment: true }).where(eq(inboxes.id, w2.inbox.id));
    await w2.ping(new Date(), ...w2.agents.map((a) => a.id));
    const p2 = await probe("autoAssign");
    const t2 = Date.now();
    const assigned = await pooled(TOTAL, CONCURRENCY, async (i) => {
      const start = performance.now();
      await autoAssign(database.db, waiting[i]!.id, new Date()).catch((err: Error) => console.warn(`autoAssign failed: ${err.message}`));
      return performance.now() - start;
    });
    const wall2 = Date.now() - t2;
    const probe2 = await p2.stop();
    results.push({
      ...(await check(database, w2.inbox.id, `${transport}: autoAssign`, "autoAssign(db, id) call: eligibility, choose-and-rotate, claim transaction, window record", assigned, wall2)),
      probe: probe2,
    });

    // Phase 3: the same call one at a time — the cost of one assignment without queueing behind 49 others.
    const SOLO = Math.min(TOTAL, 200);
    const w3 = await buildAssignmentWorld(database.db, store, { agents, now: new Date(), inbox: { enableAutoAssignment: false } });
    const solo = await pooled(SOLO, CONCURRENCY, () => w3.open(new Date()));
    await database.db.update(inboxes).set({ enableAutoAssignment: true }).where(eq(inboxes.id, w3.inbox.id));
    await w3.ping(new Date(), ...w3.agents.map((a) => a.id));
    const p3 = await probe("solo");
    const t3 = Date.now();
    const sequential = await pooled(SOLO, 1, async (i) => {
      const start = performance.now();
      await autoAssign(database.db, solo[i]!.id, new Date());
      return performance.now() - start;
    });
    const wall3 = Date.now() - t3;
    const probe3 = await p3.stop();
    results.push({ ...(await check(database, w3.inbox.id, `${transport}: autoAssign, 1 in flight`, "autoAssign(db, id) call, sequential", sequential, wall3)), probe: probe3 });
  } finally {
    await store.close();
    bridge?.close();
    await database.close();
    await dropPostgresDatabase(name);
    await deleteRedisPrefix(prefix);
  }
  return results;
}

/** Redis transports to measure: BENCH_STORE=rest|tcp, or both (the default), REST first. */
const TRANSPORTS = (process.env.BENCH_STORE ? [process.env.BENCH_STORE] : ["rest", "tcp"]) as Array<"rest" | "tcp">;
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function main() {
  const results: PhaseResult[] = [];
  for (const transport of TRANSPORTS) results.push(...(await runTransport(transport)));
  const ratios = TRANSPORTS.flatMap((transport) => {
    const solo = results.find((r) => r.phase === `${transport}: autoAssign, 1 in flight`);
    if (!solo || solo.p99_ms === 0) return [];
    return results
      .filter((r) => r.phase.startsWith(`${transport}:`) && r !== solo)
      .map((r) => ({ transport, phase: r.phase, p99_ms: r.p99_ms, solo_p99_ms: solo.p99_ms, ratio: round(r.p99_ms / solo.p99_ms) }));
  });
  const os = await import("node:os");
  // The machine's load is part of the result: on a shared 2-core box queueing dominates the latencies.
  const report = {
    benchmark: "B6 assignment",
    date: new Date().toISOString(),
    total: TOTAL,
    concurrency: CONCURRENCY,
    pool: POOL,
    agents: AGENTS,
    cpus: os.cpus().length,
    load_average_1m_at_end: round(os.loadavg()[0] ?? 0),
    results,
    ratios,
  };
  console.log(
    `\nB6 auto-assignment: ${TOTAL} conversations, ${AGENTS} online agents, ${CONCURRENCY} in flight, Postgres pool ${POOL}, Redis via ${TRANSPORTS.join(" and ")} (rest: Upstash store through the bridge; tcp: ioredis)\n`,
  );
  console.table(results.map(({ measured: _m, probe: _p, ...r }) => r));
  // Where the time went: event-loop utilisation of this process (the app), pool waits, and the phase
  // database's backends by state (mean per sample) — `idle in transaction: Client ClientRead` is a
  // backend waiting for the app's next statement, `Lock …` a row or advisory lock wait.
  for (const r of results) if (r.probe) console.log(`${r.phase}: ${JSON.stringify(r.probe)}`);
  // B6 (issue 19): under 50 in flight, p99 ≤ 4× the one-at-a-time p99 of the same run and transport.
  for (const r of ratios)
    console.log(`B6 ratio ${r.transport}: ${r.phase} p99 ${r.p99_ms} ms = ${r.ratio}× the one-at-a-time p99 (${r.solo_p99_ms} ms); target ≤ 4× → ${r.ratio <= 4 ? "met" : "missed"}`);
  console.log(`load average (1 min) at the end: ${report.load_average_1m_at_end} on ${report.cpus} CPUs`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/assignment.json", `${JSON.stringify(report, null, 2)}\n`);
  console.log("written bench/results/assignment.json");
}

runScript(main);
