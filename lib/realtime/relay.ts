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
 * The step is the SQL function `parley_relay_events` (db/migrations/0004): lock, then number in id
 * order, in one round trip, which is on the path of every message to its subscribers (B1).
 */
const RELAY_BATCH = 1000;

/** Positions every committed, unpositioned event; returns how many were positioned. */
export async function relayEvents(db: Db, opts: { batch?: number } = {}): Promise<number> {
  const batch = opts.batch ?? RELAY_BATCH;
  let total = 0;
  for (;;) {
    const [row] = await queryRows<{ n: unknown }>(db, sql`select parley_relay_events(${batch}::int) as n`);
    const n = Number(row!.n);
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
  /** The one agent the event is for (NT2); null for the E3 audience. */
  userId?: number | null;
};

export const streamEventColumns = sql`seq, id, account_id, type, inbox_id, conversation_id, contact_inbox_id, private, payload, user_id`;

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
  user_id?: unknown;
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
    userId: numOrNull(r.user_id),
  };
}

/** Positioned events after `afterSeq`, in position order (the hub's unfiltered read). */
export async function listEventsAfter(db: Db, afterSeq: number, limit: number): Promise<StreamEvent[]> {
  const rows = await queryRows<RawEvent>(db, sql`select ${streamEventColumns} from events where seq > ${afterSeq} order by seq limit ${limit}`);
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

/**
 * B1: relay and read in one round trip (`parley_relay_and_read`, db/migrations/0011): positions what
 * is committed (one batch), then answers the positioned events after `afterSeq`, in position order.
 * `relayed` is how many this call positioned (a full batch means more may be waiting).
 */
export async function relayAndRead(db: Db, afterSeq: number, batch: number): Promise<{ relayed: number; events: StreamEvent[] }> {
  const rows = await queryRows<RawEvent & { relayed: unknown }>(db, sql`select * from parley_relay_and_read(${batch}::int, ${afterSeq}::bigint)`);
  // No row carries the count when nothing is new — and then nothing was positioned: positions only
  // grow, so whatever this call positioned lies after afterSeq and would have come back.
  if (rows.length === 0) return { relayed: 0, events: [] };
  return { relayed: num(rows[0]!.relayed), events: rows.map(toStreamEvent) };
}

/** The highest committed position (where a fresh hub starts listening). */
export async function latestCommittedSeq(db: Db): Promise<number> {
  const [row] = await queryRows<{ s: unknown }>(db, sql`select coalesce(max(seq), 0) as s from events`);
  return num(row!.s);
}
