import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { openDatabase, type Database } from "@/db/client";
import { closeRealtimeHub } from "@/lib/realtime/process-hub";

/**
 * Test databases. Every backend Parley supports goes through the same suites:
 * - "postgres": a fresh database on the local server, cloned from the template the global set-up
 *   migrated once per run (TEST_PG_TEMPLATE), dropped again by closeTestDatabase;
 * - "pglite": an in-memory PGlite, migrated from the committed migrations.
 */
export type Backend = "postgres" | "pglite";
export const backends: Backend[] = ["postgres", "pglite"];

export type TestDatabase = Database & { backend: Backend; name: string; url?: string };

export function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  assertLocal(url);
  return url;
}

/** Tests refuse to touch a database that is not on this machine. */
export function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host})`);
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (no migrations) and returns its URL. */
export async function createEmptyPostgresDatabase(prefix = "parley_t"): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await admin((c) => c.query(`create database "${name}"`));
  return { name, url: withDatabase(adminUrl(), name) };
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
}

export async function createTestDatabase(backend: Backend, opts: { poolMax?: number } = {}): Promise<TestDatabase> {
  const base = { DATA_DIR: ".data", DATABASE_POOL_MAX: opts.poolMax ?? 10 } as const;
  if (backend === "pglite") {
    const db = await openDatabase({ ...base, inMemory: true });
    await db.migrate();
    return Object.assign(db, { backend, name: "pglite-memory" });
  }
  const template = process.env.TEST_PG_TEMPLATE;
  const name = `parley_t_${randomBytes(5).toString("hex")}`;
  if (template) {
    await admin((c) => c.query(`create database "${name}" template "${template}"`));
  } else {
    await admin((c) => c.query(`create database "${name}"`));
  }
  const url = withDatabase(adminUrl(), name);
  const db = await openDatabase({ ...base, DATABASE_URL: url });
  if (!template) await db.migrate();
  return Object.assign(db, { backend, name, url });
}

/**
 * Closes a test database. The process's realtime hub goes first: route handlers start it on the
 * installed database, and left running it would poll a closed pool and fill the log with failed
 * queries that hide real warnings.
 */
export async function closeTestDatabase(db: TestDatabase): Promise<void> {
  await closeRealtimeHub();
  await db.close();
  if (db.backend === "postgres") await dropPostgresDatabase(db.name);
}
