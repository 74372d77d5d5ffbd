import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Parley's Prometheus metrics (prom-client), served by GET /api/metrics (docs/operations.md lists
 * them). One registry per process on globalThis: the node:http server records requests, the app's
 * bundle records store errors and answers the scrape, and each loads this module separately.
 *
 * Labels stay bounded: a route *group* (routeGroup below), a method, a status class — never an id.
 */
export type Metrics = {
  registry: Registry;
  requests: Counter<"group" | "method" | "status">;
  duration: Histogram<"group">;
  inFlight: Gauge;
  sockets: Gauge;
  streams: Gauge<"kind">;
  subscribers: Gauge;
  relayLag: Gauge;
  deliveryLag: Gauge;
  poolConnections: Gauge<"state">;
  storeErrors: Counter<"operation">;
};

const KEY = Symbol.for("parley.metrics");
const slot = globalThis as unknown as { [KEY]?: Metrics };

export function metrics(): Metrics {
  return (slot[KEY] ??= createMetrics());
}

function createMetrics(): Metrics {
  const registry = new Registry();
  // process_resident_memory_bytes, heap, event-loop lag, GC, open file descriptors.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: "parley_http_requests_total",
      help: "HTTP requests answered, by route group, method and status class (aborted: the client left first).",
      labelNames: ["group", "method", "status"],
      registers,
    }),
    duration: new Histogram({
      name: "parley_http_request_duration_seconds",
      help: "Time from request to the end of the response, by route group (event streams excluded).",
      labelNames: ["group"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    inFlight: new Gauge({ name: "parley_http_requests_in_flight", help: "Requests whose response has not ended yet.", registers }),
    sockets: new Gauge({ name: "parley_http_open_sockets", help: "TCP connections the server holds open.", registers }),
    streams: new Gauge({ name: "parley_streams_open", help: "Open event streams, by kind.", labelNames: ["kind"], registers }),
    subscribers: new Gauge({ name: "parley_realtime_subscribers", help: "Subscribers of this process's realtime hub.", registers }),
    relayLag: new Gauge({
      name: "parley_outbox_relay_lag_seconds",
      help: "Age of the oldest committed outbox event the relay has not positioned yet (0 when none).",
      registers,
    }),
    deliveryLag: new Gauge({
      name: "parley_realtime_delivery_lag_seconds",
      help: "Age of the oldest positioned event this process's hub has not fanned out yet (0 when caught up).",
      registers,
    }),
    poolConnections: new Gauge({
      name: "parley_db_pool_connections",
      help: "Database pool clients: in_use, idle, and waiting (requests queued for a client).",
      labelNames: ["state"],
      registers,
    }),
    storeErrors: new Counter({
      name: "parley_store_errors_total",
      help: "Coordination store calls that failed (Redis unreachable or refusing), by operation.",
      labelNames: ["operation"],
      registers,
    }),
  };
}

/** A bounded label for a request path: which part of the product it belongs to. */
export function routeGroup(pathname: string): string {
  if (pathname === "/api/v1/stream" || pathname === "/api/v1/widget/stream") return "stream";
  if (pathname === "/api/health") return "health";
  if (pathname === "/api/metrics") return "metrics";
  if (pathname.startsWith("/api/auth/")) return "auth";
  if (pathname.startsWith("/api/internal/")) return "internal";
  if (pathname.startsWith("/api/v1/accounts/") || pathname.startsWith("/api/v1/profile")) return "application_api";
  if (pathname.startsWith("/api/v1/widget/")) return "widget_api";
  if (pathname.startsWith("/public/api/")) return "client_api";
  if (pathname.startsWith("/api/")) return "api_other";
  if (pathname.startsWith("/_next/static/") || /\.[a-z0-9]{2,5}$/i.test(pathname)) return "static";
  if (pathname.startsWith("/_next/")) return "next";
  return "page";
}

/**
 * A request path with every identifier replaced, for log lines: numbers and opaque tokens become
 * `:id`, and the Client API's inbox and contact identifiers (bearer-like secrets) `:inbox`, `:contact`.
 */
export function routeTemplate(pathname: string): string {
  const parts = pathname.split("/");
  const clientApi = pathname.startsWith("/public/api/v1/inboxes/");
  return parts
    .map((part, i) => {
      if (clientApi && i === 5) return ":inbox";
      if (clientApi && i === 7 && parts[6] === "contacts") return ":contact";
      if (/^\d+$/.test(part)) return ":id";
      if (part.length >= 16 && /\d/.test(part) && /^[\w-]+$/.test(part)) return ":id";
      return part.length > 64 ? ":id" : part;
    })
    .join("/");
}

/** The account a path addresses (`/api/v1/accounts/:id/…`, `/app/accounts/:id/…`), for log lines. */
export function accountFromPath(pathname: string): number | undefined {
  const match = /^\/(?:api\/v1|app)\/accounts\/(\d{1,12})(?:\/|$)/.exec(pathname);
  return match ? Number(match[1]) : undefined;
}
