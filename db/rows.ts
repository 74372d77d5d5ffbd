import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Runs a raw SQL statement and returns its rows. node-postgres, Neon and PGlite all answer with an
 * object carrying `rows`; the generic PgDatabase types that result as unknown, so the cast lives here once.
 * Numeric aggregates (count, sum) arrive as strings from node-postgres: convert at the call site.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
