import http from "node:http";

export type SseConnection = { close(): void };

/** One SSE frame as the load client sees it (comments such as `: heartbeat` are dropped). */
export type SseFrame = { event: string; id: string | null; data: string };

/**
 * A lean SSE consumer on node:http for load generation: splits the stream into frames (a frame may
 * arrive across chunks) and hands each with its arrival time to `onFrame`. Resolves once the stream
 * says `event: ready` (replay done, live). Thousands of these share one event loop.
 */
export function openSse(url: string, headers: Record<string, string>, onFrame: (frame: SseFrame, at: number) => void): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: "text/event-stream", ...headers }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding("utf8");
      const frames = sseFrames();
      res.on("data", (chunk: string) => {
        const at = performance.now();
        for (const frame of frames.push(chunk)) {
          if (frame.event === "ready") resolve({ close: () => req.destroy() });
          onFrame(frame, at);
        }
      });
      res.on("error", () => {});
    });
    req.on("error", reject);
  });
}

/** Splits SSE text into frames however it is chunked: `push` returns the frames a chunk completed. */
export function sseFrames(): { push(chunk: string): SseFrame[] } {
  let pending = "";
  return {
    push(chunk) {
      pending += chunk;
      const out: SseFrame[] = [];
      let end: number;
      while ((end = pending.indexOf("\n\n")) !== -1) {
        const frame = parseFrame(pending.slice(0, end));
        pending = pending.slice(end + 2);
        if (frame) out.push(frame);
      }
      return out;
    },
  };
}

function parseFrame(text: string): SseFrame | null {
  let event = "message";
  let id: string | null = null;
  const data: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "id") id = value;
    else if (field === "data") data.push(value);
  }
  return data.length || id !== null ? { event, id, data: data.join("\n") } : null;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function inBatches<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
