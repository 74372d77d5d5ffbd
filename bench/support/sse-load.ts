import http from "node:http";

export type SseConnection = { close(): void };

/**
 * A lean SSE consumer on node:http for load generation: no parsing beyond finding `marker` tokens
 * (`bench-<n>-`) in the data, whose arrival time it reports. Thousands of these share one event loop.
 */
export function openSse(url: string, headers: Record<string, string>, onMarker: (n: number, at: number) => void): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: "text/event-stream", ...headers }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding("utf8");
      let ready = false;
      res.on("data", (chunk: string) => {
        const at = performance.now();
        // The stream says `event: ready` once replay is done and it is live.
        if (!ready && chunk.includes("event: ready")) {
          ready = true;
          resolve({ close: () => req.destroy() });
        }
        for (const m of chunk.matchAll(/"content":"bench-(\d+)-/g)) onMarker(Number(m[1]), at);
      });
      res.on("error", () => {});
    });
    req.on("error", reject);
  });
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
