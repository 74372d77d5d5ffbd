/**
 * Where a bench phase's latency goes, sampled while it runs (B6, bench/assignment.ts): the Node
 * process's event-loop utilisation (≈ 1 means the app's one thread is the queue), the pool's waiting
 * checkouts, and what the phase database's Postgres backends are doing — running on a CPU, waiting
 * for the app's next statement (`ClientRead`: the app is the bottleneck), or waiting for a lock
 * (`Lock`/`LWLock`: serialised in the database). BENCH_CPU_PROF=<dir> also writes a V8 CPU profile
 * of the phase there (bench/support/profile-summary.ts summarises it).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { PoolStats } from "@/db/client";

export type ProbeSummary = {
  event_loop_utilisation: number;
  samples: number;
  pool_waiting_mean: number;
  pool_waiting_max: number;
  /** Mean number of the database's backends in each state per sample (`active`, `idle in transaction: ClientRead`, `Lock: transactionid`, …). */
  backends: Record<string, number>;
  cpu_profile?: string;
};

export type Probe = { stop(): Promise<ProbeSummary> };

export async function startProbe(opts: { databaseUrl: string; databaseName: string; poolStats?: () => PoolStats; label: string; everyMs?: number }): Promise<Probe> {
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const profileDir = process.env.BENCH_CPU_PROF;
  const session = profileDir ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const elu = performance.eventLoopUtilization();
  const states = new Map<string, number>();
  let samples = 0;
  let waitingSum = 0;
  let waitingMax = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ state: string; n: number }>(
        `select coalesce(state, '?') || coalesce(': ' || wait_event_type || ' ' || wait_event, '') as state, count(*)::int as n
           from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() group by 1`,
        [opts.databaseName],
      );
      for (const r of rows) states.set(r.state, (states.get(r.state) ?? 0) + r.n);
      const waiting = opts.poolStats?.().waiting ?? 0;
      waitingSum += waiting;
      waitingMax = Math.max(waitingMax, waiting);
      samples++;
      await new Promise((resolve) => setTimeout(resolve, opts.everyMs ?? 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const utilisation = performance.eventLoopUtilization(elu).utilization;
      let cpuProfile: string | undefined;
      if (session && profileDir) {
        const { profile } = await session.post("Profiler.stop");
        mkdirSync(profileDir, { recursive: true });
        cpuProfile = `${profileDir}/${opts.label.replace(/[^a-z0-9]+/gi, "-")}-${Date.now()}.cpuprofile`;
        writeFileSync(cpuProfile, JSON.stringify(profile));
        session.disconnect();
      }
      await client.end();
      const mean = (n: number) => Math.round((n / Math.max(1, samples)) * 100) / 100;
      return {
        event_loop_utilisation: Math.round(utilisation * 100) / 100,
        samples,
        pool_waiting_mean: mean(waitingSum),
        pool_waiting_max: waitingMax,
        backends: Object.fromEntries([...states].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, mean(v)])),
        ...(cpuProfile ? { cpu_profile: cpuProfile } : {}),
      };
    },
  };
}
