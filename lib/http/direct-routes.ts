import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/observability/logger";
import type { RouteHandler } from "./edge";
import { stampPeerAddress } from "./client-ip";
import { serveOnNode } from "./serve-on-node";

/**
 * GET routes the production server (scripts/serve.ts) answers itself, without Next's request pipeline:
 * the two event streams (SPEC B4). Next keeps a request's whole context — async storage, request and
 * response adapters, its cache handle — alive for as long as the response is open, ≈ 78 KB of heap per
 * idle stream (docs/benchmarks.md); here a stream costs its socket and its subscriber. The handlers are
 * the route files' own exports, so both paths behave alike, and `next dev` or a serverless platform
 * simply keeps serving them through Next.
 *
 * The registry lives on globalThis: instrumentation.ts fills it from inside Next's server bundle, and
 * the server's own listener reads it.
 */
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const KEY = Symbol.for("parley.directRoutes");
const registry = (): Map<string, RouteHandler> => ((globalThis as { [KEY]?: Map<string, RouteHandler> })[KEY] ??= new Map());

/** Registers route handlers by exact pathname, e.g. `{ "/api/v1/stream": GET }`. */
export function registerDirectRoutes(routes: Record<string, RouteHandler>): void {
  for (const [path, handler] of Object.entries(routes)) registry().set(path, handler);
}

/** Empties the registry (tests). */
export function clearDirectRoutes(): void {
  registry().clear();
}

export type DirectRouter = {
  /** Serves registered GETs itself; any other path or method (a trailing slash too) goes to the fallback. */
  listener: Handler;
  /** Responses this router is serving now, by pathname (the servers' own counters, metrics). */
  openByPath(): Record<string, number>;
  /**
   * Ends every response this router is serving (a graceful shutdown): an event-stream client sees its
   * stream end and resumes elsewhere with Last-Event-ID, losing nothing (E5). Returns how many.
   */
  closeAll(): number;
};

/** A node:http listener in front of `fallback` (Next's request handler). */
export function createDirectRouter(fallback: Handler): DirectRouter {
  const open = new Map<ServerResponse, string>();
  const listener: Handler = (req, res) => {
    // Every request, direct or not, carries the socket's peer address for lib/http/client-ip.ts.
    stampPeerAddress(req.headers, req.socket.remoteAddress);
    const path = pathname(req.url);
    const handler = req.method === "GET" ? registry().get(path) : undefined;
    if (!handler) return fallback(req, res);
    open.set(res, path);
    res.once("close", () => open.delete(res));
    serveOnNode(handler, req, res).catch((err: unknown) => {
      logger().error({ err, route: path }, "direct route failed");
      if (res.headersSent) return void res.end();
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "Internal server error" }));
    });
  };
  return {
    listener,
    openByPath() {
      const counts: Record<string, number> = {};
      for (const path of open.values()) counts[path] = (counts[path] ?? 0) + 1;
      return counts;
    },
    closeAll() {
      const all = [...open.keys()];
      for (const res of all) {
        if (!res.headersSent) {
          res.destroy();
          continue;
        }
        // The body ends cleanly, then the connection closes: no idle keep-alive holds a shutdown.
        res.end();
        res.socket?.end();
      }
      return all.length;
    },
  };
}

const pathname = (url: string | undefined) => (url ?? "/").split("?", 1)[0]!;
