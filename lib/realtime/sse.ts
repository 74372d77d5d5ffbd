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

/** A streaming `text/event-stream` Response. */
export function sseResponse(opts: SseOptions): Response {
  const encoder = new TextEncoder();
  const maxQueued = opts.maxQueued ?? 5000;
  let cleanups: (() => void)[] = [];
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

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const enqueue = (bytes: () => Uint8Array) => {
        if (closed) return;
        if (controller.desiredSize !== null && controller.desiredSize < -maxQueued) {
          channel.close();
          return;
        }
        controller.enqueue(bytes());
      };
      const channel: SseChannel = {
        send: (m) => enqueue(() => encoder.encode(formatEvent(m))),
        // A copy: whatever reads the body may take ownership of a chunk's buffer (a byte stream detaches it).
        sendFrame: (frame) => enqueue(() => frame.slice()),
        comment: (t) => enqueue(() => encoder.encode(formatComment(t))),
        close: () => {
          if (closed) return;
          finish();
          try {
            controller.close();
          } catch {
            // already closed by the runtime
          }
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
    },
    cancel() {
      finish();
    },
  });

  return new Response(stream, { headers: SSE_HEADERS });
}
