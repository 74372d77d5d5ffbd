import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/observability/logger";
import type { RouteHandler } from "./edge";
import { stampPeerAddress } from "./client-ip";
import { serveOnNode } from "./serve-on-node";

/**
 * Routes the production server (scripts/serve.ts) answers itself, without Next's request pipeline:
 * - the two event streams (SPEC B4), by exact path: Next keeps a request's whole context — async
 *   storage, request and response adapters, its cache handle — alive for as long as the response is
 *   open, ≈ 78 KB of heap per idle stream (docs/benchmarks.md); here a stream costs its socket and its
 *   subscriber;
 * - the message path's hot routes (issue 19), by pattern with `:params`: Next's routing and adapters
 *   cost ≈ 1.5 ms of CPU per request, more than the database work of a visitor's message.
 * The handlers are the route files' own exports, so both paths behave alike, and `next dev` or a
 * serverless platform simply keeps serving them through Next.
 *
 * The registry lives on globalThis: instrumentation.ts fills it from inside Next's server bundle, and
 * the server's own listener reads it.
 */
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
/** A route file's exports, as many of them as the route has. */
export type RouteModule = Partial<Record<Method, RouteHandler>>;
type Pattern = { segments: string[]; methods: RouteModule };
type Registry = { exact: Map<string, RouteHandler>; patterns: Pattern[] };

const KEY = Symbol.for("parley.directRoutes");
const registry = (): Registry => ((globalThis as { [KEY]?: Registry })[KEY] ??= { exact: new Map(), patterns: [] });

/** Registers GET handlers by exact pathname, e.g. `{ "/api/v1/stream": GET }` (long-lived streams). */
export function registerDirectRoutes(routes: Record<string, RouteHandler>): void {
  for (const [path, handler] of Object.entries(routes)) registry().exact.set(path, handler);
}

/**
 * Registers a route file's handlers by its path with `:name` segments, as Next's `[name]` folders:
 * `registerDirectPattern("/api/v1/accounts/:accountId/conversations", { GET })`. The handler gets the
 * decoded segments as its params, as Next would pass them.
 */
export function registerDirectPattern(pattern: string, methods: RouteModule): void {
  registry().patterns.push({ segments: pattern.split("/"), methods });
}

/** Empties the registry (tests). */
export function clearDirectRoutes(): void {
  registry().exact.clear();
  registry().patterns.length = 0;
}

/** The pattern handler and params for a request, or null (then Next serves it). */
function matchPattern(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | null {
  const segments = path.split("/");
  for (const p of registry().patterns) {
    if (p.segments.length !== segments.length) continue;
    const handler = p.methods[method as Method];
    if (!handler) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; ok && i < segments.length; i++) {
      const want = p.segments[i]!;
      const got = segments[i]!;
      if (want.startsWith(":")) {
        const value = decodeSegment(got);
        if (value === null || value === "") ok = false;
        else params[want.slice(1)] = value;
      } else ok = want === got;
    }
    if (ok) return { handler, params };
  }
  return null;
}

function decodeSegment(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
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
  const fail = (path: string) => (err: unknown) => ({ err, path });
  const listener: Handler = (req, res) => {
    // Every request, direct or not, carries the socket's peer address for lib/http/client-ip.ts.
    stampPeerAddress(req.headers, req.socket.remoteAddress);
    const path = pathname(req.url);
    const stream = req.method === "GET" ? registry().exact.get(path) : undefined;
    if (stream) {
      open.set(res, path);
      res.once("close", () => open.delete(res));
      return void serveOnNode(stream, req, res).catch((err: unknown) => failed(res, fail(path)(err)));
    }
    const route = registry().patterns.length ? matchPattern(req.method ?? "GET", path) : null;
    if (!route) return fallback(req, res);
    serveOnNode(route.handler, req, res, route.params).catch((err: unknown) => failed(res, fail(path)(err)));
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

function failed(res: ServerResponse, { err, path }: { err: unknown; path: string }): void {
  logger().error({ err, route: path }, "direct route failed");
  if (res.headersSent) return void res.end();
  res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "Internal server error" }));
}
