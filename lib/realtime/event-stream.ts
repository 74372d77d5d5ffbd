import type { Audience } from "./audience";
import type { Hub } from "./hub";
import type { StreamEvent } from "./relay";
import { encodeEvent, sseResponse } from "./sse";

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
  /**
   * Re-reads the audience every `refreshMs` (default 60 s), so an agent removed from an inbox stops
   * receiving its events without reconnecting (SPEC §8). Null ends the stream: the caller may no longer
   * listen (their password changed, their token was rotated, they left every account — issue #13 §5).
   */
  refreshAudience?(): Promise<Audience | null>;
  refreshMs?: number;
  /**
   * Counts the stream against its holders' caps (lib/realtime/stream-caps.ts): gets the function that
   * ends this stream, returns the release to run when it ends.
   */
  admit?(close: () => void): () => void;
};

let defaultRefreshMs = 60_000;

/** How often streams re-check their audience by default (60 s); tests shorten it. */
export function setStreamRefreshMs(ms: number | undefined): void {
  defaultRefreshMs = ms ?? 60_000;
}

// The hub hands every subscriber the same event object: serialise, format and encode each event once,
// not once per subscriber (B1: at 500 subscribers that was 500 JSON strings, frames and encodings).
// The frame depends on the event alone (type, payload, position), never on the audience.
const frames = new WeakMap<StreamEvent, Uint8Array>();
function frameOf(e: StreamEvent): Uint8Array {
  let frame = frames.get(e);
  if (frame === undefined) frames.set(e, (frame = encodeEvent({ event: e.type, data: JSON.stringify(e.payload), id: e.seq })));
  return frame;
}

export function hubEventStream(opts: HubStreamOptions): Response {
  return sseResponse({
    signal: opts.signal,
    heartbeatMs: opts.heartbeatMs,
    onHeartbeat: opts.onHeartbeat,
    async open(channel) {
      let audience = opts.audience;
      const subscribe = (cursor: number | null, announce: boolean) =>
        opts.hub.subscribe({
          audience,
          cursor,
          onEvent: (e) => channel.sendFrame(frameOf(e)),
          onResync: ({ reason, seq }) => channel.send({ event: "resync", data: JSON.stringify({ reason }), id: seq }),
          onReady: (seq) => announce && channel.send({ event: "ready", data: JSON.stringify({ seq }), id: seq }),
          // Drained by the hub: end the response; the client resumes from its last id (E5).
          onClosed: () => channel.close(),
        });
      let subscription = await subscribe(opts.cursor, true);
      let stopped = false;
      const release = opts.admit?.(() => channel.close());

      // A changed audience re-subscribes from the last position delivered: the resume path makes the
      // switch exactly-once, and events of a newly joined inbox since then are replayed.
      const refresh = opts.refreshAudience;
      let refreshing = false;
      const timer = refresh
        ? setInterval(() => {
            if (refreshing) return;
            refreshing = true;
            refresh()
              .then(
                async (next) => {
                  if (stopped) return;
                  if (next === null) return channel.close();
                  if (sameAudience(next, audience)) return;
                  const cursor = subscription.lastSeq;
                  subscription.close();
                  audience = next;
                  try {
                    subscription = await subscribe(cursor, false);
                  } catch {
                    return channel.close(); // the client resumes with Last-Event-ID
                  }
                  if (stopped) subscription.close();
                },
                // Nothing flows while the database is unreachable anyway; try again next time.
                (err: unknown) => console.warn(`stream: audience not refreshed (${err instanceof Error ? err.message : String(err)})`),
              )
              .finally(() => (refreshing = false));
          }, opts.refreshMs ?? defaultRefreshMs)
        : null;
      return () => {
        stopped = true;
        release?.();
        if (timer) clearInterval(timer);
        subscription.close();
      };
    },
  });
}

const sameAudience = (a: Audience, b: Audience) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
function normalise(a: Audience): unknown {
  if (a.kind === "contact") return { ...a, contactInboxIds: [...a.contactInboxIds].sort((x, y) => x - y) };
  return {
    ...a,
    accounts: [...a.accounts].sort((x, y) => x.accountId - y.accountId).map((x) => ({ ...x, inboxIds: [...x.inboxIds].sort((p, q) => p - q) })),
  };
}

/** `Last-Event-ID` (or the `last_event_id` query fallback): a non-negative integer, else none. */
export function parseCursor(req: Request): number | null {
  const raw = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("last_event_id");
  if (raw === null || !/^\d{1,18}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) ? n : null;
}
