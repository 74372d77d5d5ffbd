import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";

/**
 * How far realtime delivery is behind, in seconds (metrics, `/api/health?deep=1`):
 * - relay: age of the oldest committed outbox event without a position — the relay runs after every
 *   commit and with every hub poll (1 s), so more than a few seconds means it is stuck;
 * - delivery: age of the oldest positioned event past `position` (this process's hub), i.e. written
 *   and numbered but not yet fanned out here. Skipped when no position is given.
 * Both read the partial and unique indexes on events (unrelayed ids, seq), so a scrape stays cheap.
 */
export async function outboxLag(db: Db, position?: number): Promise<{ relaySeconds: number; deliverySeconds?: number }> {
  const age = (where: ReturnType<typeof sql>) =>
    queryRows<{ age: unknown }>(db, sql`select coalesce(extract(epoch from (now() - min(created_at))), 0) as age from events where ${where}`).then(([row]) => Math.max(0, Number(row?.age ?? 0)));
  const [relaySeconds, deliverySeconds] = await Promise.all([age(sql`seq is null`), position === undefined ? Promise.resolve(undefined) : age(sql`seq > ${position}`)]);
  return { relaySeconds, deliverySeconds };
}

/** The relay counts as stalled once an unpositioned event is older than this. */
export const RELAY_STALLED_SECONDS = 10;
