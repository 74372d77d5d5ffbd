// The production server (`npm start`, after the preflight): `next start`, plus the two event streams
// served straight from node:http (lib/http/direct-routes.ts, SPEC B4), behind lib/server/http-server.ts
// (request ids and log lines, metrics, deadlines, draining). Takes next start's options:
// -p/--port (or PORT, default 3000), -H/--hostname (or HOSTNAME; default every interface),
// --keepAliveTimeout <ms>. SIGTERM/SIGINT drain within SHUTDOWN_GRACE_MS (docs/operations.md), close
// the database and the coordination store, and exit 0.
//
// `npm run build` bundles this file into .next/parley-serve.cjs, which `npm start` (scripts/start.mjs)
// loads with plain node.
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { createDirectRouter } from "@/lib/http/direct-routes";
import { logger } from "@/lib/observability/logger";
import { createParleyServer } from "@/lib/server/http-server";
import { exitOnSignals } from "@/lib/server/shutdown";

async function main(): Promise<void> {
  // A TypeScript loader (tsx, in development) turns source maps on; left on, Node would parse the map
  // of every chunk Next loads: +90 MB of heap before the first request. next start runs without them too.
  process.setSourceMapsEnabled(false);
  const { values } = parseArgs({
    options: {
      port: { type: "string", short: "p" },
      hostname: { type: "string", short: "H" },
      keepAliveTimeout: { type: "string" },
    },
  });
  // next start's own variables, read as its CLI reads them (the app's configuration is lib/env.ts).
  const port = positiveInt("port", values.port ?? process.env.PORT ?? "3000");
  const hostname = values.hostname ?? process.env.HOSTNAME;
  // What the next CLI sets before it loads the server.
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV || "production", NEXT_RUNTIME: "nodejs" });
  const config = env();
  const log = logger();

  const { default: next } = await import("next");
  const app = next({ dev: false, hostname: hostname ?? "localhost", port });
  // Loads the build and runs instrumentation.ts, which registers the direct routes.
  await app.prepare();
  const handle = app.getRequestHandler();
  // The request entry point: every request goes through the router — the direct routes, else Next.
  const router = createDirectRouter((req, res) => void handle(req, res));
  const parley = createParleyServer({
    router,
    log,
    requestDeadlineMs: config.REQUEST_DEADLINE_MS,
    keepAliveTimeoutMs: values.keepAliveTimeout ? positiveInt("keepAliveTimeout", values.keepAliveTimeout) : undefined,
  });
  await parley.listen(port, hostname);
  log.info({ port, hostname: hostname ?? "*" }, `▲ Parley ready on http://${hostname ?? "localhost"}:${port}`);

  exitOnSignals(parley, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    delayMs: config.SHUTDOWN_DELAY_MS,
    log,
    // The app opened these inside Next's bundle; they live on globalThis, so these functions reach
    // them. Imported only now: the server does not load the drivers a second time while it runs.
    closers: async () => {
      const [{ closeRealtimeHub }, { closeDatabase }, { closeCoordinationStore }] = await Promise.all([import("@/lib/realtime/process-hub"), import("@/db/client"), import("@/lib/redis")]);
      return [
        ["next", () => app.close()],
        ["realtime hub", closeRealtimeHub],
        ["database", closeDatabase],
        ["coordination store", closeCoordinationStore],
      ];
    },
  });
}

function positiveInt(name: string, raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`--${name} must be an integer ≥ 1 (got "${raw}")`);
  return Number(raw);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
