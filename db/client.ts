import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { databaseDriver, env, type Env } from "@/lib/env";
import * as schema from "./schema";

export type Schema = typeof schema;
/** A database or a transaction: every domain function takes one of these. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Driver = "pglite" | "pg" | "neon";

export type Database = {
  db: Db;
  driver: Driver;
  /** Runs the committed migrations in db/migrations. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Pool clients now (metrics); absent for PGlite, which has no pool. */
  poolStats?(): PoolStats;
};

export type PoolStats = { total: number; idle: number; waiting: number };
type CountingPool = { totalCount: number; idleCount: number; waitingCount: number };
const statsOf = (pool: CountingPool) => (): PoolStats => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });

export type DatabaseConfig = Pick<Env, "DATABASE_URL" | "DATABASE_DRIVER" | "DATA_DIR" | "NEON_WS_PROXY" | "DATABASE_POOL_MAX"> & {
  /** PGlite only: keep the database in memory instead of under DATA_DIR. */
  inMemory?: boolean;
};

const MIGRATIONS = "db/migrations";
/**
 * R3: a database host that accepts TCP but never answers (a partition, a hung server) must not hang
 * requests: past this a connection attempt — or the wait for a pooled client — fails, and the edge
 * answers 503. Healthy connects take milliseconds; a 5 s wait for a client is already an outage.
 */
const CONNECT_TIMEOUT_MS = 5_000;
const drizzleOptions = { schema, casing: "snake_case" } as const;

/** Opens a database for a configuration: PGlite (embedded default), node-postgres, or Neon's Pool. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const driver = databaseDriver(config);
  if (driver === "pglite") return openPglite(config);
  if (driver === "neon") return openNeon(config);
  return openPg(config);
}

async function openPglite(config: DatabaseConfig): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  // Contact search's trigram indexes (migration 0007) need pg_trgm; PGlite ships it as an extension
  // that must be loaded here before `CREATE EXTENSION` can find it.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  // PGlite creates its own folder but not the parents: any entry point (dev, db:seed, db:migrate)
  // may be the first to touch DATA_DIR on a fresh clone.
  if (!config.inMemory) mkdirSync(config.DATA_DIR, { recursive: true });
  const extensions = { pg_trgm };
  const client = config.inMemory ? new PGlite({ extensions }) : new PGlite(`${config.DATA_DIR}/pglite`, { extensions });
  await client.waitReady;
  const db = drizzle({ client, ...drizzleOptions });
  return wrap(
    "pglite",
    db as unknown as Db,
    () => migrate(db, { migrationsFolder: MIGRATIONS }),
    () => client.close(),
  );
}

async function openPg(config: DatabaseConfig): Promise<Database> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  survivePostgresRestarts(pool);
  const db = drizzle({ client: pool, ...drizzleOptions });
  return wrap(
    "pg",
    db as unknown as Db,
    () => migrate(db, { migrationsFolder: MIGRATIONS }),
    () => pool.end(),
    statsOf(pool),
  );
}

async function openNeon(config: DatabaseConfig): Promise<Database> {
  const { Pool, neonConfig } = await import("@neondatabase/serverless");
  const { drizzle } = await import("drizzle-orm/neon-serverless");
  const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
  const { default: WebSocket } = await import("ws");
  // Node 20 has no global WebSocket; the Pool speaks the Postgres protocol over one, so transactions work.
  neonConfig.webSocketConstructor = WebSocket;
  if (config.NEON_WS_PROXY) {
    const proxy = config.NEON_WS_PROXY;
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  survivePostgresRestarts(pool);
  const db = drizzle({ client: pool, ...drizzleOptions });
  return wrap(
    "neon",
    db as unknown as Db,
    () => migrate(db, { migrationsFolder: MIGRATIONS }),
    () => pool.end(),
    statsOf(pool),
  );
}

type ErrorEmitter = { on(event: "error", listener: (err: Error) => void): unknown };

/**
 * A Postgres restart must not crash the process (R3). The pool emits "error" for an idle client that
 * loses its server, and a client checked out of the pool (between the statements of a transaction)
 * emits "error" on the client itself, where an unheard error event is an uncaught exception. The
 * checked-out client's request still fails — its current or next statement errors, which the edge
 * answers with 503 — and the pool discards the broken client, so the listener only has to exist.
 */
function survivePostgresRestarts(pool: ErrorEmitter & { on(event: "connect", listener: (client: ErrorEmitter) => void): unknown }): void {
  pool.on("error", (err) => console.warn(`[db] idle client error: ${err.message}`));
  pool.on("connect", (client) => client.on("error", () => undefined));
  releaseClientsWhoseFirstQueryFails(pool as unknown as CheckoutPool);
}

type Checkout = { query(...args: unknown[]): unknown; release(err?: Error | boolean): void };
type CheckoutPool = { connect(...args: unknown[]): Promise<Checkout> };

/**
 * drizzle's transaction() checks a client out and sends BEGIN before its try/finally, so when BEGIN
 * fails (the server went away) the client is never released: a pool slot lost for good, and
 * pool.end() hangs (R3 found it). Here the first statement on a checked-out client, when it fails,
 * releases the client with the error (the pool then discards it); a later release() is a no-op. The
 * pool object itself is kept (drizzle and Neon check `instanceof Pool`), and pool.query()'s own
 * callback-style checkouts are left alone.
 */
function releaseClientsWhoseFirstQueryFails(pool: CheckoutPool): void {
  const connect = pool.connect.bind(pool);
  pool.connect = async (...args: unknown[]) => {
    if (args.length > 0) return connect(...args);
    const client = await connect();
    const { query, release } = client;
    let released = false;
    client.release = (err) => {
      client.query = query;
      if (released) return;
      released = true;
      release.call(client, err);
    };
    client.query = (...queryArgs: unknown[]) => {
      client.query = query;
      const result = query.apply(client, queryArgs);
      if (!(result instanceof Promise)) return result;
      return result.catch((err: unknown) => {
        client.release(err instanceof Error ? err : new Error(String(err)));
        throw err;
      });
    };
    return client;
  };
}

function wrap(driver: Driver, db: Db, migrate: () => Promise<void>, close: () => Promise<void>, poolStats?: () => PoolStats): Database {
  return {
    db,
    driver,
    migrate,
    close,
    poolStats,
    async ping() {
      await db.execute(sql`select 1`);
    },
  };
}

// One database per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { __parleyDatabase?: Promise<Database> };

/** The process's database, opened on first use from the environment. */
export function database(): Promise<Database> {
  globalForDb.__parleyDatabase ??= openDatabase(env()).catch((err: unknown) => {
    globalForDb.__parleyDatabase = undefined;
    throw err;
  });
  return globalForDb.__parleyDatabase;
}

/** Closes the process's database if one was opened (a server's shutdown); the next use opens it again. */
export async function closeDatabase(): Promise<void> {
  const opened = globalForDb.__parleyDatabase;
  globalForDb.__parleyDatabase = undefined;
  if (opened) await (await opened.catch(() => undefined))?.close();
}

/** The process's database if it is open already, without opening it (metrics). */
export function openedDatabase(): Promise<Database> | undefined {
  return globalForDb.__parleyDatabase;
}

/** Shorthand for the process's drizzle handle. */
export async function getDb(): Promise<Db> {
  return (await database()).db;
}

/**
 * Installs an already-open database as the process's database: scripts that open their own, and
 * tests that run route handlers against a test database, use this one seam.
 */
export function installDatabase(db: Database): void {
  globalForDb.__parleyDatabase = Promise.resolve(db);
}
