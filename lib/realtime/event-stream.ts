import type { Audience } from "./audience";
import type { Hub } from "./hub";
import type { StreamEvent } from "./relay";
import { sseResponse } from "./sse";

/**
 * An SSE response carrying the hub's events for one audience (the operator stream, and the widget
 * stream with a contact audience). Besides the outbox events it sends two of its own:
 * `resync` (the cursor cannot be resumed; refetch, then carry on live) and `ready` (replay is done).
 * Both carry the position reached as their id, so a reconnect resumes from there.
 */
export type HubStreamOptions = {
  hub: Hub;
  audience: Audience;
  cursor: number | null;
  signal: AbortSignal;
  heartbeatMs?: number;
  onHeartbeat?(): void;
};

// The hub hands every subscriber the same event object: serialise each payload once, not per subscriber.
const serialised = new WeakMap<object, string>();
function dataOf(e: StreamEvent): string {
  let data = serialised.get(e);
  if (data === undefined) serialised.set(e, (data = JSON.stringify(e.payload)));
  return data;
}

export function hubEventStream(opts: HubStreamOptions): Response {
  return sseResponse({
    signal: opts.signal,
    heartbeatMs: opts.heartbeatMs,
    onHeartbeat: opts.onHeartbeat,
    async open(channel) {
      const subscription = await opts.hub.subscribe({
        audience: opts.audience,
        cursor: opts.cursor,
        onEvent: (e) => channel.send({ event: e.type, data: dataOf(e), id: e.seq }),
        onResync: ({ reason, seq }) => channel.send({ event: "resync", data: JSON.stringify({ reason }), id: seq }),
        onReady: (seq) => channel.send({ event: "ready", data: JSON.stringify({ seq }), id: seq }),
      });
      return () => subscription.close();
    },
  });
}

/** `Last-Event-ID` (or the `last_event_id` query fallback): a non-negative integer, else none. */
export function parseCursor(req: Request): number | null {
  const raw = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("last_event_id");
  if (raw === null || !/^\d{1,18}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) ? n : null;
}
