import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

const SETTINGS = ["enable_seqscan", "enable_indexscan", "enable_indexonlyscan"] as const;

/**
 * Runs `fn` with the planner limited to bitmap scans, i.e. to the GIN and trigram indexes, and puts
 * the settings back afterwards (they are transaction-local, and `db` may be a caller's transaction).
 *
 * Why: for a rare word, a prefix or two words the planner's estimate of how many rows match is
 * often far too high (a prefix is guessed at 0.5 % of the table whatever it is; two words multiply
 * guesses), so it walks the account newest first hoping to meet 15 matches soon — and reads every
 * message of the account when there are none (bench:search measured 14.7 s at 1M messages). The
 * search only asks for the index when it knows matches are few (docs/search.md).
 */
export async function withBitmapScans<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`select ${SETTINGS.map((s) => `set_config('${s}', 'off', true)`).join(", ")}`));
    try {
      return await fn(tx);
    } finally {
      await tx.execute(sql.raw(`select ${SETTINGS.map((s) => `set_config('${s}', 'on', true)`).join(", ")}`));
    }
  });
}
