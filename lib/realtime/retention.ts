import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { streamBounds } from "./relay";

/** E5: events are kept at least this long; a resume from further back gets `resync`. */
export const EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes positioned events older than the retention window (for the periodic sweep); returns how
 * many rows went. Unpositioned rows are never touched: they have not been delivered yet.
 *
 * What goes is always a prefix of positions — everything positioned before the first row created
 * inside the window — so "pruned through P" is exact and rows newer than the window always stay.
 * The watermark is raised in the same transaction (a sequence is non-transactional, so a failed prune
 * can only leave it too high, which costs a client an unneeded resync, never a lost event).
 */
export async function pruneEvents(db: Db, opts: { now: Date; retentionMs?: number }): Promise<number> {
  const cutoff = new Date(opts.now.getTime() - (opts.retentionMs ?? EVENT_RETENTION_MS));
  return db.transaction(async (tx) => {
    const [cut] = await queryRows<{ p: unknown }>(
      tx,
      sql`select coalesce(
            (select min(seq) - 1 from events where seq is not null and created_at >= ${cutoff.toISOString()}::timestamptz),
            (select max(seq) from events where seq is not null),
            0
          ) as p`,
    );
    // Never past the webhook fan-out's cursor (docs/webhooks.md): an event not yet fanned out stays.
    // Without webhooks the fan-out writes nothing, so it holds nothing back.
    const [fan] = await queryRows<{ s: unknown }>(tx, sql`select seq as s from webhook_cursor where id = 1 and exists (select 1 from webhooks)`);
    const through = fan ? Math.min(Number(cut!.p), Number(fan.s)) : Number(cut!.p);
    if (through <= 0) return 0;
    await tx.execute(sql`select setval('events_pruned_through', greatest(${through}::bigint, (select last_value from events_pruned_through)))`);
    const [deleted] = await queryRows<{ n: unknown }>(tx, sql`with d as (delete from events where seq <= ${through} returning 1) select count(*) as n from d`);
    // The workflow's claims (MA4) are only needed while their events can still be read.
    await tx.execute(sql`delete from workflow_event_claims where claimed_at < ${cutoff.toISOString()}::timestamptz`);
    return Number(deleted!.n);
  });
}

export type CursorCheck = { ok: true } | { ok: false; reason: "pruned" | "unknown" };

/**
 * Can a client resume after position `cursor` without loss? Not when events after it were pruned,
 * nor when it is beyond anything handed out (another database, or a reset one).
 */
export async function checkCursor(db: Db, cursor: number): Promise<CursorCheck> {
  const { lastSeq, prunedThrough } = await streamBounds(db);
  if (cursor > lastSeq) return { ok: false, reason: "unknown" };
  if (cursor < prunedThrough) return { ok: false, reason: "pruned" };
  return { ok: true };
}
