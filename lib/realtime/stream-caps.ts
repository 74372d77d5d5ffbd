import { env } from "@/lib/env";

/**
 * Caps on open event streams per holder (issue #13 §6): a visitor (their contact_inbox), an agent, a
 * client address. Over a cap the holder's oldest stream on this instance is ended — a new tab wins,
 * never a refusal or a 500 — and its client resumes with Last-Event-ID if it still wants it (E5). The
 * count is per instance: each instance bounds what one holder can pin of its memory and sockets.
 */
export type StreamHolder = { key: string; cap: number };

type Entry = { close(): void; holders: string[] };

const KEY = Symbol.for("parley.streamCaps");
// On globalThis: the direct routes and Next's bundle may load this module twice in one process.
const open = (): Map<string, Set<Entry>> => ((globalThis as { [KEY]?: Map<string, Set<Entry>> })[KEY] ??= new Map());

/** The holders an operator stream counts against. */
export function agentStreamHolders(userId: number, address: string, e = env()): StreamHolder[] {
  return [
    { key: `agent:${userId}`, cap: e.STREAMS_PER_AGENT },
    { key: `address:${address}`, cap: e.STREAMS_PER_ADDRESS },
  ];
}

/** The holders a widget stream counts against. */
export function visitorStreamHolders(contactInboxId: number, address: string, e = env()): StreamHolder[] {
  return [
    { key: `visitor:${contactInboxId}`, cap: e.STREAMS_PER_VISITOR },
    { key: `address:${address}`, cap: e.STREAMS_PER_ADDRESS },
  ];
}

/**
 * Counts a new stream against its holders, ending each holder's oldest streams past the cap. `close`
 * ends this stream; the returned function releases it (call it whenever the stream ends).
 */
export function admitStream(holders: StreamHolder[], close: () => void): () => void {
  const entry: Entry = { close, holders: holders.map((h) => h.key) };
  const evict: Entry[] = [];
  for (const { key, cap } of holders) {
    let set = open().get(key);
    if (!set) open().set(key, (set = new Set()));
    set.add(entry);
    // A Set iterates in insertion order: the first entries are the oldest.
    let over = set.size - cap;
    for (const old of set) {
      if (over <= 0) break;
      if (old === entry || evict.includes(old)) continue;
      evict.push(old);
      over--;
    }
  }
  for (const old of evict) {
    release(old);
    old.close();
  }
  return () => release(entry);
}

function release(entry: Entry): void {
  for (const key of entry.holders) {
    const set = open().get(key);
    if (!set) continue;
    set.delete(entry);
    if (set.size === 0) open().delete(key);
  }
}

/** How many streams a holder has open on this instance (tests, diagnostics). */
export function openStreamCount(key: string): number {
  return open().get(key)?.size ?? 0;
}
