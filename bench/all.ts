/**
 * npm run bench:all — every SPEC §13 benchmark in sequence (ingest, realtime, list, search,
 * assignment, reports, bundle), each in its own process group with a time limit, then one summary table (budget, figure,
 * met/missed) and bench/results/all.json. Meant to be re-run on an idle machine.
 *
 * Needs a production build in `.next` (or PARLEY_DIST_DIR); when there is none it runs `npm run build`
 * first (not counted in the benches' time). Ctrl+C or SIGTERM stops the running bench's whole process
 * group — each bench then drops its database, stops its servers and deletes its Redis keys.
 * Env: BENCH_ONLY=ingest,list (a subset); each bench's own env variables pass through.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import { Client } from "pg";
import { adminUrl } from "@/test/support/db";
import { summarizeAll, type BenchRun, type SummaryRow } from "./support/summary";
import { formatTable } from "./support/stats";

/** `env` holds bench:all's defaults; the same variables set by the caller win. */
type Bench = { name: string; script: string; args: string[]; result: string; limitS: number; env?: Record<string, string> };

const BENCHES: Bench[] = [
  // Parley and the floor (bench/floor) interleaved, 3 rounds each at 16 and 64 conversations at once.
  { name: "ingest", script: "bench/ingest.ts", args: [], result: "ingest", limitS: 420 },
  // Parley and the floor interleaved, 3 rounds of 60 messages each at 100 and 500 subscribers (30,000 deliveries at 500), then B4.
  { name: "realtime", script: "bench/realtime.ts", args: [], result: "realtime", limitS: 600 },
  { name: "list", script: "bench/list.ts", args: [], result: "list", limitS: 480 },
  { name: "search", script: "bench/search.ts", args: [], result: "search", limitS: 1500 },
  { name: "assignment", script: "bench/assignment.ts", args: [], result: "assignment", limitS: 180 },
  // Generating 1M messages and backfilling their events dominates (minutes on a loaded machine).
  { name: "reports", script: "bench/reports.ts", args: [], result: "reports", limitS: 1200 },
  { name: "bundle", script: "bench/bundle.ts", args: [], result: "bundle", limitS: 60 },
];

let current: ReturnType<typeof spawn> | undefined;
let interrupted = false;

function signalGroup(child: ReturnType<typeof spawn> | undefined, signal: NodeJS.Signals): void {
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}
const signalCurrent = (signal: NodeJS.Signals) => signalGroup(current, signal);

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[bench:all] ${sig} — stopping the running bench (it cleans up its databases, servers and Redis keys)`);
    // SIGINT to the group: every bench (and e2e/server.ts under bench:realtime) cleans up on it.
    signalCurrent("SIGINT");
  });
}

function run(command: string, args: string[], limitS: number, env: Record<string, string> = {}): Promise<{ code: number | string; seconds: number; timedOut: boolean }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", detached: true, env: { ...env, ...process.env } });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`[bench:all] ${args.join(" ")} exceeded ${limitS} s — stopping it`);
      signalGroup(child, "SIGINT");
      // A bench that does not finish its clean-up in 30 s is killed (this bench's group, not the next one's).
      setTimeout(() => signalGroup(child, "SIGKILL"), 30_000).unref();
    }, limitS * 1000);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      resolve({ code: code ?? signal ?? "unknown", seconds: Math.round((performance.now() - started) / 100) / 10, timedOut });
    });
  });
}

/** Bench databases (parley_bench_*) that exist right now (bench:realtime's e2e launcher drops its own on SIGINT). */
async function benchDatabases(): Promise<Set<string>> {
  const pg = new Client({ connectionString: adminUrl() });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ datname: string }>("select datname from pg_database where datname like 'parley\\_bench\\_%'");
    return new Set(rows.map((r) => r.datname));
  } finally {
    await pg.end();
  }
}

/**
 * Backstop for a bench that was killed before its own clean-up ran: drops the databases that
 * appeared while it ran. (Its servers die with its process group; its Redis keys carry TTLs.)
 */
async function dropLeftovers(before: Set<string>): Promise<void> {
  const left = [...(await benchDatabases())].filter((d) => !before.has(d));
  if (!left.length) return;
  const pg = new Client({ connectionString: adminUrl() });
  await pg.connect();
  try {
    for (const name of left) {
      await pg.query(`drop database if exists "${name}" with (force)`);
      console.log(`[bench:all] dropped leftover database ${name}`);
    }
  } finally {
    await pg.end();
  }
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
  const benches = only ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;
  if (only && benches.length !== only.length) throw new Error(`BENCH_ONLY names unknown benches (known: ${BENCHES.map((b) => b.name).join(", ")})`);
  const distDir = process.env.PARLEY_DIST_DIR || ".next";
  let buildSeconds = 0;
  if (!existsSync(`${distDir}/BUILD_ID`) || !existsSync("public/widget.js")) {
    console.log(`[bench:all] no production build in ${distDir}/ — running \`npm run build\` first`);
    const build = await run("npm", ["run", "build"], 900);
    if (build.code !== 0) throw new Error(`npm run build failed (${build.code})`);
    buildSeconds = build.seconds;
  }
  mkdirSync("bench/results", { recursive: true });
  const started = new Date();
  const loadBefore = os.loadavg();
  const runs: BenchRun[] = [];
  for (const bench of benches) {
    if (interrupted) break;
    // A failed bench must not report the figures of an earlier run.
    rmSync(`bench/results/${bench.result}.json`, { force: true });
    console.log(`\n[bench:all] ── ${bench.name} (limit ${bench.limitS} s) ──`);
    const before = await benchDatabases();
    const r = await run("node_modules/.bin/tsx", [bench.script, ...bench.args], bench.limitS, bench.env);
    await dropLeftovers(before);
    const file = `bench/results/${bench.result}.json`;
    const result = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as unknown) : undefined;
    runs.push({ name: bench.name, exit: r.code, seconds: r.seconds, timedOut: r.timedOut, result });
    console.log(`[bench:all] ${bench.name}: exit ${r.code} after ${r.seconds} s${r.timedOut ? " (time limit)" : ""}`);
  }
  const totalSeconds = Math.round((Date.now() - started.getTime()) / 1000);
  const rows: SummaryRow[] = summarizeAll(runs);
  const machine = {
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? "",
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    load_average_before: loadBefore.map((n) => Math.round(n * 100) / 100),
    load_average_after: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
  console.log(
    `\nSPEC §13 budgets — ${started.toISOString()}, ${machine.cpus} CPUs (${machine.cpu_model}), load average before ${machine.load_average_before.join(" ")}, after ${machine.load_average_after.join(" ")}; benches took ${totalSeconds} s${buildSeconds ? ` (+ build ${buildSeconds} s)` : ""}\n`,
  );
  console.log(formatTable(rows.map((r) => ({ ...r }))));
  console.log(`\nper bench: ${runs.map((r) => `${r.name} ${r.seconds} s${r.exit === 0 ? "" : ` (exit ${r.exit}${r.timedOut ? ", time limit" : ""})`}`).join(", ")}`);
  writeFileSync(
    "bench/results/all.json",
    `${JSON.stringify({ name: "all", at: started.toISOString(), total_seconds: totalSeconds, build_seconds: buildSeconds, machine, benches: runs.map(({ result: _r, ...r }) => r), summary: rows }, null, 2)}\n`,
  );
  console.log("\nwrote bench/results/all.json");
  if (interrupted) process.exit(130);
  // Missed budgets are findings, not failures (bench:bundle exits 1 on a miss); a bench that crashed
  // or overran without writing its results is a failure.
  if (runs.some((r) => r.result === undefined)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`[bench:all] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
