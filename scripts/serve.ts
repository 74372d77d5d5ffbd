// The production server (`npm start`, after the preflight): `next start`, plus the two event streams
// served straight from node:http (lib/http/direct-routes.ts, SPEC B4). Takes next start's options:
// -p/--port (or PORT, default 3000), -H/--hostname (or HOSTNAME; default every interface),
// --keepAliveTimeout <ms>. SIGTERM/SIGINT stop accepting, end the open event streams (clients resume
// elsewhere with Last-Event-ID, E5), let other requests finish, then exit as next start does.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { createDirectRouter } from "@/lib/http/direct-routes";

async function main(): Promise<void> {
  // tsx (which loads this file) turns source maps on; left on, Node would parse the map of every
  // chunk Next loads: +90 MB of heap before the first request. next start runs without them too.
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

  const { default: next } = await import("next");
  const app = next({ dev: false, hostname: hostname ?? "localhost", port });
  // Loads the build and runs instrumentation.ts, which registers the direct routes.
  await app.prepare();
  const handle = app.getRequestHandler();
  const router = createDirectRouter((req, res) => void handle(req, res));
  const server = createServer(router.listener);
  if (values.keepAliveTimeout) server.keepAliveTimeout = positiveInt("keepAliveTimeout", values.keepAliveTimeout);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  console.log(`▲ Parley ready on http://${hostname ?? "localhost"}:${port}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const streams = router.closeAll();
    if (streams > 0) console.log(`Ended ${streams} event stream(s); clients resume with Last-Event-ID.`);
    void closed
      .then(() => app.close())
      .catch((err: unknown) => console.error(err))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

function positiveInt(name: string, raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`--${name} must be an integer ≥ 1 (got "${raw}")`);
  return Number(raw);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
