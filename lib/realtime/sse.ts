import type { ServerResponse } from "node:http";

/**
 * Server-Sent Events on the wire (E4): `event: <name>`, `data: <json>`, `id: <seq>`, a comment
 * heartbeat every 15 s, clean-up when the client goes away.
 */
export type SseMessage = { event: string; data: string; id?: number | string | null };

/** One SSE message. Every line of `data` gets its own `data:` field, so a newline cannot end it early. */
export function formatEvent(m: SseMessage): string {
  const lines = [`event: ${singleLine(m.event)}`];
  for (const line of m.data.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);
  if (m.id !== undefined && m.id !== null) lines.push(`id: ${singleLine(String(m.id))}`);
  return `${lines.join("\n")}\n\n`;
}

const sharedEncoder = new TextEncoder();

/**
 * One SSE message formatted and UTF-8 encoded once, to hand to many channels with `sendFrame` (the hub
 * gives every subscriber of an event the same frame, B1).
 */
export function encodeEvent(m: SseMessage): Uint8Array {
  return sharedEncoder.encode(formatEvent(m));
}

export function formatComment(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => `: ${l}`)
    .join("\n")
    .concat("\n\n");
}

const singleLine = (s: string) => s.replace(/[\r\n]/g, " ");

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform also keeps Next's compression from buffering the stream.
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
} as const;

export type SseChannel = {
  send(m: SseMessage): void;
  /** A message already formatted by `encodeEvent`; the channel enqueues its own copy, so one frame may go to many. */
  sendFrame(frame: Uint8Array): void;
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
};

export type SseOptions = {
  /** The request's signal: aborts when the client disconnects. */
  signal: AbortSignal;
  heartbeatMs?: number;
  /** Runs on every heartbeat (presence, P1); failures are the caller's to handle. */
  onHeartbeat?(): void;
  /** Wires the channel up; returns the clean-up to run once the stream ends for any reason. */
  open(channel: SseChannel): Promise<() => void>;
  /**
   * A consumer this many messages behind is cut off rather than buffered without bound; it resumes
   * with Last-Event-ID and loses nothing (E5).
   */
  maxQueued?: number;
};

/**
 * Where a channel's bytes go: the web stream a Response's reader takes them from (Next), or the
 * node:http response itself on the production server's direct path.
 */
type Sink = {
  /** `frame` may be shared with other channels: a sink that hands its bytes on to be owned copies it. */
  write(bytes: Uint8Array, shared: boolean): void;
  /** How many messages are queued behind a consumer that is not reading. */
  behind(): number;
  end(): void;
};

const START_ON_NODE = Symbol("parley.sse.startOnNode");
type NodeStartable = Response & { [START_ON_NODE]?: (res: ServerResponse) => boolean };

/**
 * The production server's direct path (lib/http/serve-on-node.ts): an event-stream Response made by
 * `sseResponse` writes its frames straight to the node:http response — no web stream, no awaited read
 * per frame, no copy per subscriber (B1). Its headers must already be written. False for any other
 * Response, or one already started on its web stream, which the caller then pipes as usual.
 */
export function startOnNode(response: Response, res: ServerResponse): boolean {
  return (response as NodeStartable)[START_ON_NODE]?.(res) ?? false;
}

/**
 * A streaming `text/event-stream` Response. The stream starts on the next turn of the event loop on
 * its web stream (what Next reads), unless the direct server has taken it over with `startOnNode`.
 */
export function sseResponse(opts: SseOptions): Response {
  const maxQueued = opts.maxQueued ?? 5000;
  let cleanups: (() => void)[] = [];
  let started = false;
  let closed = false;

  const finish = () => {
    if (closed) return;
    closed = true;
    const run = cleanups;
    cleanups = [];
    for (const fn of run) {
      try {
        fn();
      } catch (err) {
        console.error("sse: clean-up failed", err);
      }
    }
  };

  const begin = (sink: Sink) => {
    // Once only; and never after the body was cancelled before it started (no heartbeat to leak).
    if (started || closed) return;
    started = true;
    const enqueue = (bytes: Uint8Array, shared: boolean) => {
      if (closed) return;
      if (sink.behind() > maxQueued) return channel.close();
      sink.write(bytes, shared);
    };
    const channel: SseChannel = {
      send: (m) => enqueue(sharedEncoder.encode(formatEvent(m)), false),
      sendFrame: (frame) => enqueue(frame, true),
      comment: (t) => enqueue(sharedEncoder.encode(formatComment(t)), false),
      close: () => {
        if (closed) return;
        finish();
        sink.end();
      },
      get closed() {
        return closed;
      },
    };
    const heartbeat = setInterval(() => {
      channel.comment("heartbeat");
      opts.onHeartbeat?.();
    }, opts.heartbeatMs ?? 15_000);
    const onAbort = () => channel.close();
    cleanups.push(
      () => clearInterval(heartbeat),
      () => opts.signal.removeEventListener("abort", onAbort),
    );
    opts.signal.addEventListener("abort", onAbort);
    if (opts.signal.aborted) return channel.close();
    // An early comment flushes the headers through proxies and tells the client it is connected.
    channel.comment("connected");
    opts.open(channel).then(
      (cleanup) => {
        if (closed) cleanup();
        else cleanups.push(cleanup);
      },
      (err: unknown) => {
        console.warn(`sse: stream failed to open (${err instanceof Error ? err.message : String(err)})`);
        channel.close();
      },
    );
  };

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // On the next turn, unless the direct server has taken the stream over by then (startOnNode).
      setImmediate(() =>
        begin({
          // A copy of a shared frame: whatever reads the body may take ownership of a chunk's buffer.
          write: (bytes, shared) => controller.enqueue(shared ? bytes.slice() : bytes),
          behind: () => -(controller.desiredSize ?? 0),
          end: () => {
            try {
              controller.close();
            } catch {
              // already closed by the runtime
            }
          },
        }),
      );
    },
    cancel() {
      finish();
    },
  });

  const response: NodeStartable = new Response(stream, { headers: SSE_HEADERS });
  response[START_ON_NODE] = (res) => {
    if (started) return false;
    // Writes made while the socket's buffer is full: the node counterpart of the web stream's queue.
    let behind = 0;
    res.on("drain", () => (behind = 0));
    begin({
      write: (bytes) => {
        if (!res.write(bytes)) behind++;
      },
      behind: () => behind,
      end: () => res.end(),
    });
    return true;
  };
  return response;
}
