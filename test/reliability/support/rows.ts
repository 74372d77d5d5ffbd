import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Raw SQL for the suites' own bookkeeping (checksums, outbox audits), on node-postgres: its result has `rows`. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as { rows: T[] }).rows;
}
