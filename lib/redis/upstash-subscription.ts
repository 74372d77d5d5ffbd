import { assertChannelName } from "./channel-name";

/**
 * One Redis pub/sub subscription over Upstash's REST streaming endpoint (SPEC E6).
 *
 * Wire protocol, as @upstash/redis 1.39 speaks it (pkg/commands/subscribe.ts, pkg/http.ts):
 * `POST {url}/subscribe/{channel}` with the bearer token, `Accept: text/event-stream` and a `[]`
 * body; the response is a Server-Sent Events stream of `data: subscribe,<channel>,<count>` once and
 * then `data: message,<channel>,<payload>` per message.
 *
 * Why not the client's own `redis.subscribe()`: its stream reader ends silently when the connection
 * drops, so a subscriber would go deaf after a Redis or network outage with no way to notice. R2
 * requires recovery without a restart, so this reader reconnects until it is closed.
 */
export type SubscriptionOptions = {
  url: string;
  token: string;
  channel: string;
  onMessage: (payload: string) => void;
  /** How long the first connection may take before subscribe() rejects. */
  timeoutMs: number;
};

export type Subscription = { close(): void };

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

export async function openSubscription(opts: SubscriptionOptions): Promise<Subscription> {
  assertChannelName(opts.channel);
  const endpoint = `${opts.url.replace(/\/$/, "")}/subscribe/${opts.channel}`;
  let closed = false;
  let controller = new AbortController();
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = RECONNECT_MIN_MS;

  // One connection, from request to end of stream. An attempt Redis has not confirmed within the
  // deadline is abandoned, so a hung endpoint cannot stall reconnection for good.
  const attempt = (onConfirmed: () => void): Promise<void> => {
    const current = (controller = new AbortController());
    const deadline = setTimeout(() => current.abort(), opts.timeoutMs);
    deadline.unref();
    return stream(endpoint, opts, current.signal, () => {
      clearTimeout(deadline);
      delay = RECONNECT_MIN_MS;
      onConfirmed();
    }).finally(() => clearTimeout(deadline));
  };

  const resume = () => {
    if (closed) return;
    retryTimer = setTimeout(() => attempt(() => {}).then(resume, resume), delay);
    retryTimer.unref();
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  };

  await new Promise<void>((resolve, reject) => {
    let confirmed = false;
    attempt(() => {
      confirmed = true;
      resolve();
    }).then(
      () => (confirmed ? resume() : reject(new Error(`coordination: subscribe to ${opts.channel} was not confirmed`))),
      (err: unknown) => (confirmed ? resume() : reject(err instanceof Error ? err : new Error(String(err)))),
    );
  });

  return {
    close() {
      closed = true;
      clearTimeout(retryTimer);
      controller.abort();
    },
  };
}

/** Reads one stream until it ends; resolves on end or abort, rejects on a failed request. */
async function stream(endpoint: string, opts: SubscriptionOptions, signal: AbortSignal, onReady: () => void): Promise<void> {
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: "POST",
      headers: {
        authorization: `Bearer ${opts.token}`,
        accept: "text/event-stream",
        "cache-control": "no-cache",
        "content-type": "application/json",
      },
      body: "[]",
      signal,
    });
  } catch (err) {
    if (signal.aborted) return;
    throw err;
  }
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => "");
    throw new Error(`coordination: subscribe failed with ${res.status}: ${text}`);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) handleLine(line, opts, onReady);
    }
  } catch (err) {
    if (signal.aborted) return;
    throw err;
  } finally {
    reader.cancel().catch(() => {});
  }
}

function handleLine(line: string, opts: SubscriptionOptions, onReady: () => void): void {
  if (!line.startsWith("data: ")) return;
  const data = line.slice(6);
  const first = data.indexOf(",");
  const second = data.indexOf(",", first + 1);
  if (first < 0 || second < 0) return;
  const type = data.slice(0, first);
  if (type === "subscribe") onReady();
  else if (type === "message") {
    try {
      opts.onMessage(data.slice(second + 1));
    } catch (err) {
      console.error("coordination: subscriber failed", err);
    }
  }
}
