import type { IncomingMessage, ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { GET as operatorStream } from "@/app/api/v1/stream/route";
import { GET as widgetStream } from "@/app/api/v1/widget/stream/route";
import { installDatabase } from "@/db/client";
import { clearDirectRoutes, createDirectRouter, registerDirectRoutes } from "@/lib/http/direct-routes";
import { serveOnNode } from "@/lib/http/serve-on-node";
import { createLogger } from "@/lib/observability/logger";
import { relayEvents } from "@/lib/realtime/relay";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { kickRealtime, installRealtimeHub } from "@/lib/realtime/process-hub";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { createParleyServer, type ParleyServer } from "@/lib/server/http-server";
import { buildClientWorld } from "@/test/support/client-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { insertEvent, waitFor } from "@/test/support/realtime";
import { widgetApi } from "@/test/support/widget-api";
import { scaled, seededRandom, type Rng } from "@/test/reliability/scale";

/**
 * Every request ends (issue: sockets left in CLOSE-WAIT): the production server's own code
 * (lib/server/http-server.ts) over real sockets, with the real event-stream routes on Postgres and the
 * real metrics route; test handlers stand where Next's would be. Hundreds of clients give up at
 * random points, and the server's own counters — read through GET /api/metrics — must show nothing
 * left of them. Bounded under `npm test`; RELIABILITY_SCALE=full runs thousands.
 */
const METRICS_TOKEN = "aborts-test-metrics-token-0123456789";
process.env.METRICS_TOKEN = METRICS_TOKEN;
const DEADLINE_MS = 600;
const UPLOAD_BYTES = 20_000;

describe("every request ends, whatever the client does", () => {
  let t: TestDatabase;
  let hub: Hub;
  let parley: ParleyServer;
  let port: number;
  let operatorToken: string;
  let widgetQuery: string;
  let widgetToken: string;
  const logLines: Record<string, unknown>[] = [];
  let lateAnswer: unknown = "not yet";

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    installDatabase(t);
    const store = createMemoryStore();
    installCoordinationStore(store);
    hub = createHub({ db: t.db, store, pollMs: 60_000, log: { warn: () => undefined, error: () => undefined } });
    installRealtimeHub(hub);
    const w = await buildClientWorld(t.db);
    operatorToken = w.agent.accessToken;
    widgetQuery = `?website_token=${w.widget.websiteToken}`;
    widgetToken = ((await widgetApi("POST", `/api/v1/widget/config${widgetQuery}`)).body as { website_channel_config: { auth_token: string } }).website_channel_config.auth_token;
    // A backlog to replay: a client resuming from 0 is still reading it when it gives up.
    for (let i = 0; i < 400; i++) {
      await insertEvent(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactInboxId: w.contactInbox.id, payload: { n: i, text: "x".repeat(400) } });
    }
    await relayEvents(t.db);
    await kickRealtime();

    registerDirectRoutes({ "/api/v1/stream": operatorStream, "/api/v1/widget/stream": widgetStream });
    const router = createDirectRouter(testRoutes);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const log = createLogger({ NODE_ENV: "production", LOG_FORMAT: "json", LOG_LEVEL: "info" }, sink);
    parley = createParleyServer({ router, log, requestDeadlineMs: DEADLINE_MS });
    await parley.listen(0, "127.0.0.1");
    port = (parley.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    clearDirectRoutes();
    await parley?.shutdown(1_000);
    installRealtimeHub(undefined);
    await hub?.close();
    if (t) await closeTestDatabase(t);
  });

  /** Where Next's handler would be. */
  function testRoutes(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://t");
    if (url.pathname === "/api/metrics") return void serveOnNode(metricsRoute, req, res);
    if (url.pathname === "/upload") {
      let bytes = 0;
      req.on("data", (chunk: Buffer) => (bytes += chunk.length));
      return void req.on("end", () => res.end(String(bytes)));
    }
    if (url.pathname === "/slow") {
      const timer = setTimeout(() => res.end("done"), 150);
      return void res.once("close", () => clearTimeout(timer));
    }
    if (url.pathname === "/chunked") {
      // A long download: a chunk now, more until the client leaves.
      res.write("first chunk\n");
      const timer = setInterval(() => res.write("more\n"), 20);
      return void res.once("close", () => clearInterval(timer));
    }
    if (url.pathname === "/hang") {
      // Answers long after the deadline, into a connection the server has already closed.
      return void setTimeout(() => {
        try {
          res.writeHead(200).end("late");
          lateAnswer = "dropped";
        } catch (err) {
          lateAnswer = err;
        }
      }, DEADLINE_MS * 2);
    }
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  }

  async function scrape(): Promise<{ status: number; text: string; value: (name: string) => number }> {
    const res = await fetch(`http://127.0.0.1:${port}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}`, connection: "close" } });
    const text = await res.text();
    const value = (name: string) => {
      const line = text.split("\n").find((l) => l.startsWith(`${name} `));
      return line === undefined ? NaN : Number(line.slice(name.length + 1));
    };
    return { status: res.status, text, value };
  }

  /** A raw client: sends what it is given, and resolves once its socket has closed. */
  function client(rng: Rng, kind: string): Promise<string> {
    return new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.on("error", () => undefined);
      socket.on("close", () => resolve(kind));
      let received = 0;
      const streamGet = (path: string, headers: string) => `GET ${path} HTTP/1.1\r\nHost: t\r\n${headers}\r\n`;
      const giveUpAfter = (bytes: number) =>
        socket.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received >= bytes) socket.destroy();
        });
      switch (kind) {
        case "mid-headers": {
          const request = streamGet("/api/v1/stream", `api_access_token: ${operatorToken}\r\n`);
          socket.write(request.slice(0, 1 + rng.int(request.length - 2)), () => socket.destroy());
          break;
        }
        case "mid-body":
          socket.write(`POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: ${UPLOAD_BYTES}\r\n\r\n${"b".repeat(rng.int(UPLOAD_BYTES))}`, () => setTimeout(() => socket.destroy(), rng.int(30)));
          break;
        case "before-the-answer":
          socket.write("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n", () => setTimeout(() => socket.destroy(), rng.int(100)));
          break;
        case "mid-replay":
          // Resuming from 0: ≈ 200 KB of backlog; gone somewhere inside it.
          giveUpAfter(200 + rng.int(150_000));
          socket.write(streamGet("/api/v1/stream", `api_access_token: ${operatorToken}\r\nLast-Event-ID: 0\r\n`));
          break;
        case "after-the-response-started":
          giveUpAfter(1 + rng.int(200));
          socket.write("GET /chunked HTTP/1.1\r\nHost: t\r\n\r\n");
          break;
        case "live-widget-stream":
          // Somewhere in the response headers or the first comment (≈ 250 bytes arrive in any case).
          giveUpAfter(1 + rng.int(250));
          socket.write(streamGet(`/api/v1/widget/stream${widgetQuery}`, `X-Auth-Token: ${widgetToken}\r\n`));
          break;
        case "half-close":
          // The client says it is done sending (FIN) and keeps reading: the server must close its side.
          socket.on("data", () => socket.end());
          socket.write(streamGet("/api/v1/stream", `api_access_token: ${operatorToken}\r\n`));
          break;
      }
    });
  }

  it("holds no socket, request, stream or subscriber for hundreds of clients that gave up at random points", async () => {
    const rng = seededRandom("server aborts");
    const kinds = ["mid-headers", "mid-body", "before-the-answer", "mid-replay", "after-the-response-started", "live-widget-stream", "half-close"];
    const total = scaled(280, 3_000);
    const plan = Array.from({ length: total }, () => rng.pick(kinds));
    // Waves of 40: hundreds at once, without exhausting the test database's pool for minutes.
    for (let i = 0; i < plan.length; i += 40) await Promise.all(plan.slice(i, i + 40).map((kind) => client(rng, kind)));

    await waitFor(
      "the server's counters to come back to the scrape's own request",
      async () => {
        const m = await scrape();
        return (
          m.value("parley_http_open_sockets") === 1 &&
          m.value("parley_http_requests_in_flight") === 1 &&
          m.value('parley_streams_open{kind="operator"}') === 0 &&
          m.value('parley_streams_open{kind="widget"}') === 0 &&
          m.value("parley_realtime_subscribers") === 0
        );
      },
      15_000,
    );
    expect(hub.subscriberCount).toBe(0);
    expect(parley.stats()).toEqual({ sockets: 0, inFlight: 0, streams: { operator: 0, widget: 0 } });
    // Every request that reached a handler has its line; clients that left first are marked.
    expect(logLines.filter((l) => l.aborted === true).length).toBeGreaterThan(total / 3);
  });

  it("answers 503 at the deadline for a handler that never answers and for an upload that stalls", async () => {
    const send = (request: string) =>
      new Promise<{ text: string; ms: number }>((resolve) => {
        const started = Date.now();
        let text = "";
        const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
        socket.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        socket.on("error", () => undefined);
        socket.on("close", () => resolve({ text, ms: Date.now() - started }));
      });
    const [hung, stalled] = await Promise.all([
      send("GET /hang HTTP/1.1\r\nHost: t\r\nX-Request-Id: from-the-proxy-1\r\n\r\n"),
      send(`POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: ${UPLOAD_BYTES}\r\n\r\n${"b".repeat(1_000)}`),
    ]);
    for (const r of [hung, stalled]) {
      expect(r.text).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
      expect(r.text).toMatch(/\r\nConnection: close\r\n/);
      expect(r.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
      expect(r.ms).toBeLessThan(DEADLINE_MS + 2_500);
    }
    expect(hung.text).toMatch(/\r\nX-Request-Id: from-the-proxy-1\r\n/);
    // The handler's late answer met a closed connection: dropped, not an exception.
    await waitFor("the late answer", () => lateAnswer !== "not yet");
    expect(lateAnswer).toBe("dropped");
    expect(logLines).toContainEqual(expect.objectContaining({ reqId: "from-the-proxy-1", route: "/hang", status: 503, deadline: true }));
  });

  it("logs one line per request with its id, route template and account, and no query string", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/accounts/42/conversations/7?api_access_token=secret-in-query`);
    expect(res.status).toBe(200);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor("the request's log line", () => logLines.some((l) => l.reqId === id));
    const line = logLines.find((l) => l.reqId === id)!;
    expect(line).toMatchObject({ msg: "request", method: "GET", route: "/api/v1/accounts/:id/conversations/:id", status: 200, accountId: 42 });
    expect(line.ms).toEqual(expect.any(Number));
    expect(JSON.stringify(logLines)).not.toContain("secret-in-query");
    // A forged or oversized id from the client is replaced.
    const forged = await fetch(`http://127.0.0.1:${port}/ok`, { headers: { "x-request-id": "a b\u00e9".repeat(30) } });
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves the metrics only with the METRICS_TOKEN bearer, in Prometheus text format", async () => {
    const refused = await fetch(`http://127.0.0.1:${port}/api/metrics`, { headers: { authorization: "Bearer wrong" } });
    expect(refused.status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/api/metrics`)).status).toBe(401);
    const m = await scrape();
    expect(m.status).toBe(200);
    expect(m.text).toMatch(/^parley_http_requests_total\{group="application_api",method="GET",status="2xx"\} \d+$/m);
    expect(m.text).toMatch(/^parley_http_request_duration_seconds_bucket\{le="0\.1",group="application_api"\} \d+$/m);
    expect(m.text).toMatch(/^parley_http_requests_total\{group="stream",method="GET",status="aborted"\} \d+$/m);
    expect(m.value("parley_outbox_relay_lag_seconds")).toBe(0);
    expect(m.value("parley_realtime_delivery_lag_seconds")).toBe(0);
    expect(m.value('parley_db_pool_connections{state="waiting"}')).toBe(0);
    expect(m.value("process_resident_memory_bytes")).toBeGreaterThan(0);
  });
});
