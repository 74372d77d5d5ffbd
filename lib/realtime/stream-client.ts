import { createSseParser, type SseParsed } from "./sse-parser";

/**
 * A fetch-based SSE client for the browser and Node (operator app, widget, tests, benchmarks).
 * Unlike EventSource it can send headers (`X-Auth-Token`, `api_access_token`), so no secret ever goes
 * into a URL (E4). It remembers the last event id and reconnects with `Last-Event-ID` after any
 * failure, with exponential backoff and full jitter so a restarted server is not hit by every client
 * at once (E5). A connection silent for longer than `idleTimeoutMs` (the server heartbeats every
 * 15 s) is treated as dead: half-open TCP connections otherwise hang forever.
 */
export type StreamState = "connecting" | "live" | "reconnecting";
export type StreamMessage = SseParsed;

export type StreamClientOptions = {
  url: string;
  /** Sent with every attempt; a function is asked again each time (a token may have been renewed). */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /** Resume from here on the first connection. */
  lastEventId?: string | null;
  onMessage(m: StreamMessage): void;
  onState?(state: StreamState): void;
  /** The server refused for good (a 4xx other than 408/429): the client stops. */
  onFatal?(status: number): void;
  fetch?: typeof fetch;
  credentials?: RequestCredentials;
  minDelayMs?: number;
  maxDelayMs?: number;
  idleTimeoutMs?: number;
  random?: () => number;
};

export type StreamClient = {
  close(): void;
  readonly lastEventId: string | null;
  readonly state: StreamState;
};

export function connectStream(opts: StreamClientOptions): StreamClient {
  const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const random = opts.random ?? Math.random;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  const idleTimeout = opts.idleTimeoutMs ?? 45_000;
  let minDelay = opts.minDelayMs ?? 500;
  let lastEventId = opts.lastEventId ?? null;
  let state: StreamState = "connecting";
  let stopped = false;
  let attempt = 0;
  let current: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setState = (s: StreamState) => {
    if (s === state) return;
    state = s;
    try {
      opts.onState?.(s);
    } catch (err) {
      console.error("stream-client: onState failed", err);
    }
  };

  async function run() {
    const abort = new AbortController();
    current = abort;
    let idle: ReturnType<typeof setTimeout> | null = null;
    const resetIdle = () => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => abort.abort(new Error("stream idle")), idleTimeout);
    };
    try {
      const extra = typeof opts.headers === "function" ? await opts.headers() : (opts.headers ?? {});
      const headers: Record<string, string> = { Accept: "text/event-stream", "Cache-Control": "no-cache", ...extra };
      if (lastEventId !== null) headers["Last-Event-ID"] = lastEventId;
      resetIdle();
      const res = await doFetch(opts.url, { headers, signal: abort.signal, credentials: opts.credentials, cache: "no-store" });
      if (!res.ok || !res.body) {
        await res.body?.cancel().catch(() => undefined);
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
          stopped = true;
          opts.onFatal?.(res.status);
          return;
        }
        throw new Error(`stream answered ${res.status}`);
      }
      setState("live");
      const parser = createSseParser({
        onMessage: (m) => {
          attempt = 0; // a working connection resets the backoff
          try {
            opts.onMessage(m);
          } catch (err) {
            console.error("stream-client: onMessage failed", err);
          }
        },
        onId: (id) => (lastEventId = id),
        onRetry: (ms) => (minDelay = ms),
        onActivity: resetIdle,
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch {
      // a dropped or refused connection: reconnect below
    } finally {
      if (idle) clearTimeout(idle);
      if (current === abort) current = null;
    }
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (stopped) return;
    setState("reconnecting");
    const ceiling = Math.min(maxDelay, minDelay * 2 ** attempt);
    attempt++;
    retryTimer = setTimeout(
      () => {
        retryTimer = null;
        if (!stopped) void run();
      },
      Math.floor(random() * ceiling),
    );
  }

  opts.onState?.("connecting");
  void run();

  return {
    close() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      current?.abort();
    },
    get lastEventId() {
      return lastEventId;
    },
    get state() {
      return state;
    },
  };
}
