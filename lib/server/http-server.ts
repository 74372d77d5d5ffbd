import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { DirectRouter } from "@/lib/http/direct-routes";
import type { Logger } from "@/lib/observability/logger";
import { accountFromPath, metrics, routeGroup, routeTemplate } from "@/lib/observability/metrics";
import { runInRequest, type RequestContext } from "@/lib/observability/request-context";
import { provideServerStats, setDraining, type ServerStats } from "./state";

/**
 * The production node:http server around Next (scripts/serve.ts) and the direct event-stream routes.
 * Every request ends, whatever its client does (issue: sockets left in CLOSE-WAIT):
 * - headers must arrive within HEADERS_TIMEOUT_MS and a whole request within REQUEST_TIMEOUT_MS
 *   (Node answers 408 and closes), so a stalled upload cannot hold a socket;
 * - a request still without response headers after `requestDeadlineMs` gets a 503 and its connection
 *   closes (a handler awaiting forever); a body still arriving keeps the deadline moving;
 * - a socket silent for SOCKET_IDLE_MS is destroyed: an event stream writes a heartbeat every 15 s, so
 *   a stream whose peer vanished (its writes stuck behind a full buffer) ends, and with it the
 *   subscription; TCP keep-alive probes find dead peers on quiet connections.
 * Each request gets an id (X-Request-Id; a sane one from a proxy is kept), one log line when it ends
 * (route template, status, duration, account — never a query string or a body) and metrics.
 *
 * shutdown() drains: health turns 503 (SHUTDOWN_DELAY_MS before anything else), the listener closes,
 * streams end (clients resume with Last-Event-ID), requests in flight get `graceMs`, then every
 * socket left is destroyed.
 */
export type ServerOptions = {
  router: DirectRouter;
  log: Logger;
  requestDeadlineMs: number;
  keepAliveTimeoutMs?: number;
};

export type ParleyServer = {
  server: Server;
  listen(port: number, hostname?: string): Promise<void>;
  stats(): ServerStats;
  /**
   * Drains: health answers 503 at once; after `delayMs` (the listener still accepting, so load balancers
   * see it) the listener closes and streams end; requests get `graceMs`; then what is left is destroyed.
   * Resolves once every socket is closed.
   */
  shutdown(graceMs: number, delayMs?: number): Promise<{ streams: number; forced: number }>;
};

export const HEADERS_TIMEOUT_MS = 20_000;
export const REQUEST_TIMEOUT_MS = 120_000;
export const SOCKET_IDLE_MS = 60_000;
const TCP_KEEPALIVE_MS = 30_000;

const STREAM_KINDS: Record<string, string> = { "/api/v1/stream": "operator", "/api/v1/widget/stream": "widget" };

export function createParleyServer(opts: ServerOptions): ParleyServer {
  const { router, log } = opts;
  const m = metrics();
  const sockets = new Set<Socket>();
  const inFlight = new Set<ServerResponse>();
  let draining = false;

  const server = createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelay: TCP_KEEPALIVE_MS,
    },
    (req, res) => onRequest(req, res),
  );
  server.timeout = SOCKET_IDLE_MS;
  if (opts.keepAliveTimeoutMs) server.keepAliveTimeout = opts.keepAliveTimeoutMs;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const path = (req.url ?? "/").split("?", 1)[0]!;
    const group = routeGroup(path);
    const stream = group === "stream" && req.method === "GET";
    const context: RequestContext = { id: requestId(req.headers["x-request-id"]), accountId: accountFromPath(path) };
    res.setHeader("X-Request-Id", context.id);
    if (draining) res.setHeader("Connection", "close");
    inFlight.add(res);

    let timedOut = false;
    let deadline: NodeJS.Timeout | undefined;
    if (!stream) {
      let bytesSeen = req.socket.bytesRead;
      const check = () => {
        if (res.headersSent || res.writableEnded || res.destroyed) return;
        // A body still arriving is not the handler's fault; requestTimeout bounds it.
        if (!req.complete && req.socket.bytesRead > bytesSeen) {
          bytesSeen = req.socket.bytesRead;
          deadline = setTimeout(check, opts.requestDeadlineMs);
          return;
        }
        timedOut = true;
        answerLate(res, context.id);
      };
      deadline = setTimeout(check, opts.requestDeadlineMs);
    }

    res.once("close", () => {
      clearTimeout(deadline);
      inFlight.delete(res);
      const seconds = (performance.now() - started) / 1000;
      const aborted = !timedOut && !res.writableFinished;
      const status = timedOut ? 503 : res.headersSent ? res.statusCode : 0;
      m.requests.inc({ group, method: methodLabel(req.method), status: aborted ? "aborted" : `${Math.floor(status / 100)}xx` });
      if (!stream) m.duration.observe({ group }, seconds);
      const line = {
        reqId: context.id,
        method: req.method,
        route: routeTemplate(path),
        status,
        ms: Math.round(seconds * 1000),
        ...(context.accountId !== undefined ? { accountId: context.accountId } : {}),
        ...(aborted ? { aborted: true } : {}),
        ...(timedOut ? { deadline: true } : {}),
      };
      if (status >= 500) log.warn(line, "request");
      else log.info(line, "request");
      // While draining, a keep-alive connection whose last response just ended closes now.
      if (draining) setImmediate(() => server.closeIdleConnections());
    });

    runInRequest(context, () => router.listener(req, res));
  }

  const stats = (): ServerStats => {
    const streams: Record<string, number> = { operator: 0, widget: 0 };
    for (const [path, n] of Object.entries(router.openByPath())) {
      const kind = STREAM_KINDS[path] ?? path;
      streams[kind] = (streams[kind] ?? 0) + n;
    }
    return { sockets: sockets.size, inFlight: inFlight.size, streams };
  };
  provideServerStats(stats);

  return {
    server,
    stats,
    listen: (port, hostname) =>
      new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, hostname, () => {
          server.off("error", reject);
          resolve();
        });
      }),
    async shutdown(graceMs, delayMs = 0) {
      setDraining(true);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const streams = router.closeAll();
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<"grace">((resolve) => (timer = setTimeout(() => resolve("grace"), graceMs)));
      const outcome = await Promise.race([closed.then(() => "drained" as const), graceOver]);
      clearTimeout(timer);
      let forced = 0;
      if (outcome === "grace") {
        forced = sockets.size;
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        await closed;
      }
      return { streams, forced };
    },
  };
}

/**
 * The handler missed its deadline: a 503 written straight to the socket, which then closes. Going
 * around the response object leaves it untouched for the handler, whose late answer then meets a
 * closed socket and is dropped instead of failing with "headers already sent".
 */
function answerLate(res: ServerResponse, id: string): void {
  const socket = res.socket;
  if (!socket || socket.destroyed) return;
  const body = JSON.stringify({ error: "The server took too long to answer; try again." });
  socket.end(
    "HTTP/1.1 503 Service Unavailable\r\n" +
      "Content-Type: application/json\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Retry-After: 1\r\n" +
      "Cache-Control: no-store\r\n" +
      `X-Request-Id: ${id}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
    // Once it is out, a peer that keeps the connection half open gets a moment to read, then it goes.
    () => setTimeout(() => socket.destroy(), 1_000).unref(),
  );
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** The method as a metric label: a client can send any token, the label set stays bounded. */
const methodLabel = (method: string | undefined) => (method && METHODS.has(method) ? method : "other");

/** A request id from a proxy is kept when it is short and plain; otherwise a new one. */
function requestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,64}$/.test(value) ? value : randomUUID();
}
