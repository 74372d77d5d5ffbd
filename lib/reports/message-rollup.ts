import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";

/** Rollup bucket width: every UTC offset in use is a multiple of 15 minutes. */
export const BUCKET_MS = 15 * 60_000;
/**
 * How far behind the present the fold stays: a message's created_at is taken before its transaction
 * commits, so a bucket is folded only once no transaction that could still write into it is open.
 */
export const FOLD_LAG_MS = 5 * 60_000;
/** At most this much history per fold, so a first fold over a large database is a series of short steps. */
const FOLD_STEP_MS = 7 * 86_400_000;

export function floorToBucket(ms: number): number {
  return Math.floor(ms / BUCKET_MS) * BUCKET_MS;
}

/** The instant up to which the rollup holds every message (the epoch when nothing was folded yet). */
export async function rolledThrough(db: Db): Promise<Date> {
  const [row] = await queryRows<{ at: Date | string }>(db, sql`select rolled_through as at from report_rollup_state where id = 1`);
  return row ? new Date(row.at) : new Date(0);
}

/**
 * Folds messages created after the watermark into `report_message_rollups`, one step of at most
 * seven days (from the first message after the watermark) and never past now − 5 min. Runs under a
 * transaction-scoped advisory lock and moves the watermark in the same transaction, so two sweeps
 * never count a message twice. Returns the new watermark and whether more history is waiting.
 */
export async function foldMessageRollups(db: Db, now = new Date()): Promise<{ through: Date; more: boolean }> {
  const limit = floorToBucket(now.getTime() - FOLD_LAG_MS);
  return db.transaction(async (tx) => {
    const [locked] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext('parley:report_rollup')) as ok`);
    const from = await rolledThrough(tx);
    if (!locked?.ok) return { through: from, more: false };
    const [next] = await queryRows<{ at: Date | string | null }>(tx, sql`select min(created_at) as at from messages where created_at >= ${from}`);
    if (!next?.at) {
      await setWatermark(tx, new Date(Math.max(from.getTime(), limit)));
      return { through: new Date(Math.max(from.getTime(), limit)), more: false };
    }
    const through = Math.min(limit, floorToBucket(new Date(next.at).getTime()) + FOLD_STEP_MS);
    if (through <= from.getTime()) return { through: from, more: false };
    const upTo = new Date(through);
    await tx.execute(sql`
      with m as (
        select account_id, to_timestamp(floor(extract(epoch from created_at) / 900) * 900) as bucket_start, inbox_id, message_type, sender_type, sender_id
          from messages
         where created_at >= ${from} and created_at < ${upTo} and message_type in ('incoming', 'outgoing')
      )
      insert into report_message_rollups (account_id, sender_id, bucket_start, inbox_id, incoming, outgoing)
      select account_id, 0, bucket_start, inbox_id, count(*) filter (where message_type = 'incoming'), count(*) filter (where message_type = 'outgoing')
        from m group by account_id, bucket_start, inbox_id
      union all
      select account_id, sender_id, bucket_start, inbox_id, 0, count(*)
        from m where message_type = 'outgoing' and sender_type = 'user' and sender_id is not null
       group by account_id, sender_id, bucket_start, inbox_id
      on conflict (account_id, sender_id, bucket_start, inbox_id) do update
         set incoming = report_message_rollups.incoming + excluded.incoming,
             outgoing = report_message_rollups.outgoing + excluded.outgoing`);
    await setWatermark(tx, upTo);
    return { through: upTo, more: through < limit };
  });
}

async function setWatermark(tx: Db, at: Date): Promise<void> {
  await tx.execute(sql`
    insert into report_rollup_state (id, rolled_through) values (1, ${at})
    on conflict (id) do update set rolled_through = excluded.rolled_through`);
}

/** Folds until caught up (the backfill script, the benchmark's set-up). */
export async function foldAllMessageRollups(db: Db, now = new Date()): Promise<Date> {
  for (;;) {
    const { through, more } = await foldMessageRollups(db, now);
    if (!more) return through;
  }
}
