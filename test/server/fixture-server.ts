// A stand-in for `npm start` in the server tests: the same server (lib/server/http-server.ts) and the
// same signal handling (lib/server/shutdown.ts) as scripts/serve.ts, with a few test routes where
// Next's handler would be (Next itself needs a production build, which vitest runs before). Prints
// `ready <port>` once listening. Run with `node --import tsx`.
import { createDirectRouter, registerDirectRoutes } from "@/lib/http/direct-routes";
import { createLogger } from "@/lib/observability/logger";
import { sseResponse } from "@/lib/realtime/sse";
import { createParleyServer } from "@/lib/server/http-server";
import { exitOnSignals, type Closer } from "@/lib/server/shutdown";
import { isDraining } from "@/lib/server/state";

const graceMs = Number(process.env.SHUTDOWN_GRACE_MS);
const delayMs = Number(process.env.SHUTDOWN_DELAY_MS ?? 0);
const log = createLogger({ NODE_ENV: "production", LOG_FORMAT: "json", LOG_LEVEL: "info" });

// An event stream exactly as the routes build theirs, minus the hub.
registerDirectRoutes({
  "/api/v1/stream": async (req) => sseResponse({ signal: req.signal, heartbeatMs: 200, open: async () => () => undefined }),
});

const router = createDirectRouter((req, res) => {
  const url = new URL(req.url ?? "/", "http://fixture");
  if (url.pathname === "/api/health") {
    res.writeHead(isDraining() ? 503 : 200, { "content-type": "application/json" });
    return void res.end(JSON.stringify({ status: isDraining() ? "draining" : "ok" }));
  }
  if (url.pathname === "/slow") {
    const timer = setTimeout(() => res.end("slow done"), Number(url.searchParams.get("ms")));
    return void res.once("close", () => clearTimeout(timer));
  }
  if (url.pathname === "/upload") {
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    return void req.on("end", () => res.end(String(bytes)));
  }
  if (url.pathname === "/hang") return; // never answers
  if (url.pathname === "/stats") return void res.end(JSON.stringify(parley.stats()));
  res.end("ok");
});

const parley = createParleyServer({ router, log, requestDeadlineMs: 60_000 });

async function main(): Promise<void> {
  await parley.listen(0, "127.0.0.1");
  // FIXTURE_HANGING_CLOSE: a resource whose close never finishes (a database that stopped answering).
  const hanging = process.env.FIXTURE_HANGING_CLOSE === "1";
  exitOnSignals(parley, {
    graceMs,
    delayMs,
    log,
    closers: async () => [...(hanging ? [["database", () => new Promise(() => undefined)] as Closer] : []), ["store", async () => undefined]],
  });
  const address = parley.server.address();
  process.stdout.write(`ready ${typeof address === "object" && address ? address.port : 0}\n`);
}

void main();
