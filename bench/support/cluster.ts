/**
 * The deployment shape for the HTTP benchmarks, built from its parts so that several `next start`
 * processes can share one database and one Redis (SPEC §1.2 — instances behind a load balancer):
 * - benchDatabase(): a fresh Postgres database, migrated and seeded with the demo workspace;
 * - startBridge(): real Redis behind the Upstash-REST bridge, in a process of its own (Redis is
 *   another machine in a real deployment, so it must not share the load client's event loop);
 * - startInstances(): N production servers (`npm start`'s steps: the preflight check, then the server) on free
 *   loopback ports, same database, same Redis key prefix, same AUTH_SECRET.
 * Every piece registers its clean-up (bench/support/cleanup.ts): processes are stopped, the
 * database is dropped and the run's Redis keys are deleted however the bench ends.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { openDatabase } from "@/db/client";
import { seedDemo } from "@/scripts/seed/seed-demo";
import { assertLocal, createEmptyPostgresDatabase, dropPostgresDatabase } from "@/test/support/db";
import { freePort, waitForHttp } from "@/e2e/support/net";
import { exited } from "@/e2e/support/processes";
import { deleteRedisKeys } from "@/e2e/support/redis-keys";
import { onCleanup } from "./cleanup";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * The abuse limits, lifted for load benches: M2's per-conversation flood limit and W6's per-IP limits
 * (every bench request comes from 127.0.0.1). The budgets measure throughput and latency, not them.
 */
export const LIFTED_LIMITS = {
  CONVERSATION_MESSAGE_PER_MINUTE_LIMIT: "1000000",
  PUBLIC_MESSAGES_PER_IP_MINUTE: "1000000",
  PUBLIC_CONVERSATIONS_PER_IP_12H: "1000000",
  PUBLIC_CONTACT_UPDATES_PER_IP_HOUR: "1000000",
};

export type BenchDatabase = { name: string; url: string; adminEmail: string; password: string };
export type Bridge = { url: string; token: string; prefix: string };
export type Instances = { baseUrls: string[]; pids: number[]; stop(): Promise<void> };

/** The build `next start` will serve; a missing one is a clear error, not a hang. */
export function assertBuild(): string {
  const distDir = process.env.PARLEY_DIST_DIR || ".next";
  if (!existsSync(`${distDir}/BUILD_ID`)) {
    throw new Error(`no production build in ${distDir}/ — run \`npm run build\` first (or set PARLEY_DIST_DIR to a build directory)`);
  }
  return distDir;
}

/** A fresh database with the committed migrations and the demo workspace; dropped on clean-up. */
export async function benchDatabase(prefix = "parley_bench"): Promise<BenchDatabase> {
  const { name, url } = await createEmptyPostgresDatabase(prefix);
  assertLocal(url);
  onCleanup(`drop database ${name}`, () => dropPostgresDatabase(name));
  const database = await openDatabase({ DATABASE_URL: url, DATA_DIR: ".data", DATABASE_POOL_MAX: 2 });
  const adminEmail = "admin@example.com";
  const password = `bench-${randomBytes(8).toString("hex")}`;
  try {
    await database.migrate();
    await seedDemo(database.db, { adminEmail, password });
  } finally {
    await database.close();
  }
  return { name, url, adminEmail, password };
}

/** bench/support/bridge-process.ts in a child process, with a Redis key prefix of this run's own. */
export async function startBridge(): Promise<Bridge> {
  const child = spawn("node_modules/.bin/tsx", ["bench/support/bridge-process.ts"], { stdio: ["pipe", "pipe", "inherit"] });
  onCleanup("stop the Redis bridge", () => stopChild(child));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the Redis bridge exited before it was ready (${code}) — is redis-server running on ${REDIS_URL}?`)));
  });
  const { url, token } = JSON.parse(first) as { url: string; token: string };
  const prefix = `parley-bench-${randomBytes(4).toString("hex")}`;
  onCleanup(`delete Redis keys ${prefix}*`, () => deleteRedisKeys(REDIS_URL, prefix));
  return { url, token, prefix };
}

/** How the servers reach Redis: through the Upstash-REST bridge (the default) or over TCP (REDIS_URL). BENCH_STORE=rest|tcp. */
export type Transport = "rest" | "tcp";
export const TRANSPORTS: Transport[] = (process.env.BENCH_STORE ?? "rest").split(",").map((t) => {
  if (t !== "rest" && t !== "tcp") throw new Error(`BENCH_STORE must be rest, tcp or rest,tcp (got ${t})`);
  return t;
});
/** The settings that select `transport` for a server (the bridge's variables stay set; REDIS_URL wins, lib/redis). */
export const transportEnv = (transport: Transport): Record<string, string> => (transport === "tcp" ? { REDIS_URL } : {});

/**
 * The floor (bench/floor/server.ts) as `count` processes on the bench database and Redis, with the
 * same transport as Parley; stopped on clean-up.
 */
export async function startFloor(opts: { database: BenchDatabase; bridge: Bridge; count: number; transport: Transport; label: string }): Promise<Instances> {
  const children: ChildProcess[] = [];
  const undo = onCleanup(`stop ${opts.label} floor servers`, () => Promise.all(children.map((c) => stopChild(c, 3_000))));
  mkdirSync("bench/results/logs", { recursive: true });
  const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
  const baseUrls = await Promise.all(
    Array.from({ length: opts.count }, async (_, i) => {
      const child = spawn("node_modules/.bin/tsx", ["bench/floor/server.ts"], {
        env: {
          ...inherited,
          NODE_ENV: "production",
          DATABASE_URL: opts.database.url,
          UPSTASH_REDIS_REST_URL: opts.bridge.url,
          UPSTASH_REDIS_REST_TOKEN: opts.bridge.token,
          REDIS_KEY_PREFIX: opts.bridge.prefix,
          TEST_REDIS_URL: REDIS_URL,
          ...transportEnv(opts.transport),
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on("line", (l) => l.startsWith("floor listening on ") && resolve(l));
        child.once("exit", (code) => reject(new Error(`${opts.label} floor ${i + 1} exited before it was ready (${code})`)));
      });
      return `http://127.0.0.1:${line.slice("floor listening on ".length)}`;
    }),
  );
  return { baseUrls, pids: children.map((c) => c.pid!), stop: undo };
}

/**
 * Starts `count` production servers on one database and Redis. `env` adds settings (limits lifted by
 * the bench, a pool size); server output goes to bench/results/logs/<label>-<n>.log.
 */
export async function startInstances(opts: { database: BenchDatabase; bridge: Bridge; count: number; label: string; env?: Record<string, string> }): Promise<Instances> {
  assertBuild();
  const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
  const authSecret = randomBytes(32).toString("base64url");
  mkdirSync("bench/results/logs", { recursive: true });
  const children: ChildProcess[] = [];
  const baseUrls: string[] = [];
  const stopAll = async () => {
    await Promise.all(children.map((c) => stopChild(c, 5_000)));
  };
  const undo = onCleanup(`stop ${opts.label} servers`, stopAll);
  const env = {
    ...inherited,
    DATABASE_URL: opts.database.url,
    DATABASE_DRIVER: "pg",
    UPSTASH_REDIS_REST_URL: opts.bridge.url,
    UPSTASH_REDIS_REST_TOKEN: opts.bridge.token,
    REDIS_KEY_PREFIX: opts.bridge.prefix,
    AUTH_SECRET: authSecret,
    SEED_ADMIN_EMAIL: opts.database.adminEmail,
    SEED_PASSWORD: opts.database.password,
    ...opts.env,
  } as unknown as NodeJS.ProcessEnv;
  // `npm start` exactly as package.json says, in its two steps: the checks before the last `&&` run
  // once here, and the server command after it is this process's direct child (no npm/sh in between),
  // so it stays in the bench's process group — a bench killed outright (bench:all's last resort)
  // takes its servers with it.
  const { checks, server } = startCommand();
  for (const check of checks) await runChecked(check[0]!, check.slice(1), env, `\`${check.join(" ")}\` (npm start's check)`);
  for (let i = 0; i < opts.count; i++) {
    const port = await freePort();
    const log = openSync(`bench/results/logs/${opts.label}-${i + 1}.log`, "w");
    // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops (bench/support/profile-summary.ts
    // reads it); node refuses --cpu-prof in NODE_OPTIONS, so it goes on the command line.
    const profile = process.env.BENCH_CPU_PROF && server[0] === "node" ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const child = spawn(server[0]!, [...profile, ...server.slice(1), "--port", String(port), "--hostname", "127.0.0.1"], {
      env,
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    children.push(child);
    baseUrls.push(`http://127.0.0.1:${port}`);
  }
  await Promise.all(
    baseUrls.map((url, i) =>
      waitForHttp(`${url}/login`, { timeoutMs: 90_000, gaveUp: exited(children[i]!) }).catch((err: Error) => {
        throw new Error(`${opts.label} server ${i + 1} did not start: ${err.message} (see bench/results/logs/${opts.label}-${i + 1}.log)`);
      }),
    ),
  );
  return { baseUrls, pids: children.map((c) => c.pid!), stop: undo };
}

/**
 * package.json's `start` script split into its `&&` steps (plain words, no shell quoting): every step
 * but the last is a check, the last starts the server and takes `--port` / `--hostname`. Bare tool
 * names (tsx, next) resolve to node_modules/.bin as npm would; a leading `exec` is dropped.
 */
export function startCommand(script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.start!): { checks: string[][]; server: string[] } {
  if (/[|;<>$`'"]/.test(script)) throw new Error(`package.json's start script is more than plain \`a && b\` steps: ${script}`);
  const steps = script.split("&&").map((step) =>
    step
      .trim()
      .split(/\s+/)
      // `exec` only spares npm's shell a process; spawned directly, the command is the same.
      .filter((word, i) => !(i === 0 && word === "exec"))
      .map((word, i) => (i === 0 && existsSync(`node_modules/.bin/${word}`) ? `node_modules/.bin/${word}` : word)),
  );
  return { checks: steps.slice(0, -1), server: steps.at(-1)! };
}

/** SIGTERM, then SIGKILL after `graceMs` (open event streams can hold a graceful close). */
export async function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await done;
  clearTimeout(timer);
}

async function runChecked(command: string, args: string[], env: NodeJS.ProcessEnv, what: string): Promise<void> {
  const child = spawn(command, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  const code = await exited(child);
  if (code !== 0) throw new Error(`${what} failed (${code}) — see the message above`);
}

/** The 1-minute load average and the machine, recorded with every figure. */
export async function machine(): Promise<{ cpus: number; memory_gb: number; load_average: number[] }> {
  const os = await import("node:os");
  return { cpus: os.cpus().length, memory_gb: Math.round(os.totalmem() / 2 ** 30), load_average: os.loadavg().map((n) => Math.round(n * 100) / 100) };
}
