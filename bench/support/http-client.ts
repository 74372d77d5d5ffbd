import http from "node:http";

/** One keep-alive agent per bench: connections are reused as a real client or load balancer would. */
export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export type HttpResult = { status: number; body: string; ms: number };

/**
 * A lean JSON request on node:http (no fetch overhead in the load client's event loop). Network
 * failures resolve with status 0 and the error message as body, so a load loop counts them as errors
 * instead of stopping.
 */
export function request(agent: http.Agent, method: "GET" | "POST", url: string, opts: { headers?: Record<string, string>; json?: unknown; timeoutMs?: number } = {}): Promise<HttpResult> {
  const started = performance.now();
  const payload = opts.json === undefined ? undefined : JSON.stringify(opts.json);
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: { ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}), ...opts.headers },
        timeout: opts.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
        res.on("error", (err) => resolve({ status: 0, body: err.message, ms: performance.now() - started }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (err) => resolve({ status: 0, body: err.message, ms: performance.now() - started }));
    req.end(payload);
  });
}

/** As request, but a non-2xx answer is an error naming the URL (set-up steps, not measured load). */
export async function requestJson<T = Record<string, unknown>>(agent: http.Agent, method: "GET" | "POST", url: string, opts: { headers?: Record<string, string>; json?: unknown } = {}): Promise<T> {
  const res = await request(agent, method, url, opts);
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${url} → ${res.status || "network error"} ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body) as T;
}

/** Runs `fn(i)` for i in [0, count) with at most `width` in flight. */
export async function pooled<T>(count: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}
