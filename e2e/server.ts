// Playwright's webServer: the production build (`npm start`) on a fresh Postgres database and real
// Redis behind the Upstash-REST bridge — the self-hosted deployment shape (SPEC §1.2), nothing embedded.
// Run with tsx; it prints readyLine() with the base and database URLs once the app answers, and on SIGTERM/SIGINT
// (Playwright's graceful shutdown), on a failed start or when the app exits it stops the app, removes this
// run's Redis keys, closes the bridge and drops the database.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { startUpstashBridge } from "@/test/support/upstash-bridge";
import { assertLocal, createEmptyPostgresDatabase, dropPostgresDatabase } from "@/test/support/db";
import { freePort, waitForHttp } from "./support/net";
import { exited, runCommand, signalGroup, startProcessGroup, type ChildEnv } from "./support/processes";
import { readyLine } from "./support/ready-line";
import { deleteRedisKeys } from "./support/redis-keys";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** Undo steps, run last-in first-out: the server stops before what it uses goes away. */
const cleanups: Array<() => Promise<unknown>> = [];

async function main(): Promise<void> {
  const distDir = process.env.PARLEY_DIST_DIR || ".next";
  if (!existsSync(`${distDir}/BUILD_ID`)) throw new Error(`no production build in ${distDir} — run \`npm run build\` first`);
  const seedPassword = process.env.SEED_PASSWORD;
  if (!seedPassword) throw new Error("SEED_PASSWORD must be set (playwright.config.ts generates one per run)");

  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const { name, url } = await createEmptyPostgresDatabase("parley_e2e");
  assertLocal(url);
  cleanups.push(() => dropPostgresDatabase(name));

  const bridge = await startUpstashBridge({ redisUrl: REDIS_URL });
  cleanups.push(() => bridge.close());
  // Rate limits and presence live in Redis across runs; a prefix of our own keeps each run fresh.
  const redisPrefix = `parley-e2e-${randomBytes(4).toString("hex")}`;
  cleanups.push(() => deleteRedisKeys(REDIS_URL, redisPrefix));

  // next start sets NODE_ENV itself; an inherited one (say "test") would only confuse it.
  const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
  const env: ChildEnv = {
    ...inherited,
    DATABASE_URL: url,
    DATABASE_DRIVER: "pg",
    UPSTASH_REDIS_REST_URL: bridge.url,
    UPSTASH_REDIS_REST_TOKEN: bridge.token,
    REDIS_KEY_PREFIX: redisPrefix,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    // No NEXTAUTH_URL on purpose: the app must work out its URL on any host and port (docs/auth.md).
    SEED_ADMIN_EMAIL: process.env.SEED_ADMIN_EMAIL ?? "admin@example.com",
    SEED_PASSWORD: seedPassword,
    // Every journey comes from 127.0.0.1, so one run's specs would share one visitor's W6 budget
    // (6 new conversations per 12 h) and fail by how many specs exist. W6 itself is proven by the
    // vitest suites (lib/throttle, test/widget); the journeys get room.
    PUBLIC_CONVERSATIONS_PER_IP_12H: inherited.PUBLIC_CONVERSATIONS_PER_IP_12H ?? "1000",
    PUBLIC_CONTACT_UPDATES_PER_IP_HOUR: inherited.PUBLIC_CONTACT_UPDATES_PER_IP_HOUR ?? "10000",
    PUBLIC_MESSAGES_PER_IP_MINUTE: inherited.PUBLIC_MESSAGES_PER_IP_MINUTE ?? "10000",
    // The webhook journey's receiver listens on 127.0.0.1, which WH4 refuses by default.
    WEBHOOK_ALLOW_PRIVATE: "true",
  };

  console.log(`[e2e] database ${name}, bridge ${bridge.url}, redis prefix ${redisPrefix}`);
  await runCommand("npm", ["run", "--silent", "db:migrate"], env);
  await runCommand("npm", ["run", "--silent", "db:seed"], env);

  // `npm start` exactly as production runs it: the preflight configuration check, then next start.
  const server = startProcessGroup("npm", ["run", "--silent", "start", "--", "--port", String(port), "--hostname", "127.0.0.1"], env);
  const serverExited = exited(server);
  cleanups.push(async () => {
    signalGroup(server, "SIGTERM");
    // Open event streams can hold a graceful close; the database is dropped with force anyway.
    const timer = setTimeout(() => signalGroup(server, "SIGKILL"), 5_000);
    await serverExited;
    clearTimeout(timer);
  });

  await waitForHttp(`${baseUrl}/login`, { timeoutMs: 60_000, gaveUp: serverExited });
  console.log(readyLine(baseUrl, url));

  const status = await serverExited;
  throw new Error(`npm start exited on its own (${status})`);
}

let stopping: Promise<never> | undefined;

/**
 * Runs every clean-up once, even if one of them fails, then exits. Playwright signals the whole
 * process group, so tsx relays a second SIGTERM while the first is still cleaning up: later calls
 * wait for the same run instead of exiting half-way.
 */
function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((err: unknown) => console.error(`[e2e] clean-up failed: ${String(err)}`));
    }
    process.exit(code);
  })();
  return stopping;
}

process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));

main().catch((err: unknown) => {
  if (stopping) return;
  console.error(`[e2e] ${err instanceof Error ? err.message : String(err)}`);
  void stop(1);
});
