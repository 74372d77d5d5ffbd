import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";

/**
 * The relay (E5): gives committed outbox rows their stream position `seq`.
 *
 * Outbox ids are allocated at INSERT, but transactions commit in another order (and rolled-back ones
 * leave gaps), so "deliver id > last" skips an event whose lower id commits later. Positions are
 * instead handed out here, after commit, by one relay at a time (a transaction-scoped advisory lock,
 * so any instance may run it). Each relay commits before the next one can start, and a statement only
 * sees committed rows, so the set of visible positions is always a prefix: a reader that has seen
 * position s will never later see a new position below s. Readers therefore read `seq > cursor`.
 *
 * Numbering is explicit (row_number over id) rather than `SET seq = nextval(…)`, whose per-row call
 * order follows the join plan, not the subquery's ORDER BY.
 */
const RELAY_LOCK = 0x5041524c45590001n; // "PARLEY" + 1: serialises relays across every instance
const RELAY_BATCH = 1000;

/** Positions every committed, unpositioned event; returns how many were positioned. */
export async function relayEvents(db: Db, opts: { batch?: number } = {}): Promise<number> {
  const batch = opts.batch ?? RELAY_BATCH;
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      // A separate statement: the UPDATE below takes its snapshot after the lock is ours, so it sees
      // everything the previous relay committed.
      await tx.execute(sql`select pg_advisory_xact_lock(${RELAY_LOCK.toString()}::bigint)`);
      const rows = await queryRows<{ seq: unknown }>(
        tx,
        sql`
          with batch as (
            select id from events where seq is null order by id limit ${batch} for update
          ), numbered as (
            select id, row_number() over (order by id) as rn from batch
          ), base as (
            -- Reserve count(*) values in one step; HAVING keeps an empty batch from consuming one.
            select setval('events_seq', nextval('events_seq') + count(*) - 1) - count(*) as b
            from numbered having count(*) > 0
          )
          update events e set seq = base.b + numbered.rn
          from numbered, base where e.id = numbered.id
          returning e.seq`,
      );
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

/** A positioned outbox row as the hub and replay deliver it. */
export type StreamEvent = {
  seq: number;
  id: number;
  accountId: number;
  type: string;
  inboxId: number | null;
  conversationId: number | null;
  contactInboxId: number | null;
  private: boolean;
  payload: Record<string, unknown>;
};

export const streamEventColumns = sql`seq, id, account_id, type, inbox_id, conversation_id, contact_inbox_id, private, payload`;

type RawEvent = {
  seq: unknown;
  id: unknown;
  account_id: unknown;
  type: string;
  inbox_id: unknown;
  conversation_id: unknown;
  contact_inbox_id: unknown;
  private: boolean;
  payload: unknown;
};

// node-postgres returns int8 as strings, PGlite as numbers or bigints: normalise once.
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toStreamEvent(r: RawEvent): StreamEvent {
  return {
    seq: num(r.seq),
    id: num(r.id),
    accountId: num(r.account_id),
    type: r.type,
    inboxId: numOrNull(r.inbox_id),
    conversationId: numOrNull(r.conversation_id),
    contactInboxId: numOrNull(r.contact_inbox_id),
    private: r.private,
    payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
  };
}

/** Positioned events after `afterSeq`, in position order (the hub's unfiltered read). */
export async function listEventsAfter(db: Db, afterSeq: number, limit: number): Promise<StreamEvent[]> {
  const rows = await queryRows<RawEvent>(
    db,
    sql`select ${streamEventColumns} from events where seq > ${afterSeq} order by seq limit ${limit}`,
  );
  return rows.map(toStreamEvent);
}

/**
 * The stream's bounds: the highest position handed out (the sequence, not the table, so it survives
 * pruning) and the retention watermark.
 */
export async function streamBounds(db: Db): Promise<{ lastSeq: number; prunedThrough: number }> {
  const [row] = await queryRows<{ last: unknown; pruned: unknown }>(
    db,
    sql`select
          (select case when is_called then last_value else 0 end from events_seq) as last,
          (select last_value from events_pruned_through) as pruned`,
  );
  return { lastSeq: num(row!.last), prunedThrough: num(row!.pruned) };
}

/** The highest committed position (where a fresh hub starts listening). */
export async function latestCommittedSeq(db: Db): Promise<number> {
  const [row] = await queryRows<{ s: unknown }>(db, sql`select coalesce(max(seq), 0) as s from events`);
  return num(row!.s);
}
