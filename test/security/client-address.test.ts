import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as operatorStream } from "@/app/api/v1/stream/route";
import { GET as widgetStream } from "@/app/api/v1/widget/stream/route";
import { installDatabase } from "@/db/client";
import { clearDirectRoutes, createDirectRouter, registerDirectRoutes } from "@/lib/http/direct-routes";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { buildClientWorld } from "@/test/support/client-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { waitFor } from "@/test/support/realtime";
import { routeFor } from "@/test/support/widget-api";

// Small limits for this file (lib/env.ts is read once, on first use); put back afterwards.
const saved = vi.hoisted(() => {
  const limits = { PUBLIC_CONVERSATIONS_PER_IP_12H: "2", STREAMS_PER_VISITOR: "2", STREAMS_PER_AGENT: "3", STREAMS_PER_ADDRESS: "4", TRUSTED_PROXY_HOPS: "0" };
  const before = Object.fromEntries(Object.keys(limits).map((k) => [k, process.env[k]]));
  Object.assign(process.env, limits);
  return before;
});

/**
 * Issue #13 §2 and §6 through real sockets: the production listener (createDirectRouter, as
 * scripts/serve.ts runs it) in front of the route handlers, called from distinct loopback source
 * addresses (Linux routes all of 127/8). The client address is the socket's: limits count per source
 * address, and a forged X-Forwarded-For changes nothing.
 */
describe("per-address limits and stream caps over real sockets (#13 §2, §6)", () => {
  let t: TestDatabase;
  let hub: Hub;
  let server: http.Server;
  let port: number;
  let w: Awaited<ReturnType<typeof buildClientWorld>>;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    installDatabase(t);
    const store = createMemoryStore();
    installCoordinationStore(store);
    hub = createHub({ db: t.db, store, pollMs: 60_000, log: { warn: () => undefined, error: () => undefined } });
    installRealtimeHub(hub);
    w = await buildClientWorld(t.db);
    registerDirectRoutes({ "/api/v1/stream": operatorStream, "/api/v1/widget/stream": widgetStream });
    // Next's part of the production server, for the widget's other routes: the route files themselves.
    const router = createDirectRouter((req, res) => void serveRoute(req, res));
    server = http.createServer(router.listener);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    clearDirectRoutes();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    installRealtimeHub(undefined);
    await hub.close();
    await closeTestDatabase(t);
  });

  async function serveRoute(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const { handler, params } = routeFor(req.method!, req.url!);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const response = await handler(new Request(new URL(req.url!, "http://parley.test"), { method: req.method, headers, body }), { params: Promise.resolve(params) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  /** One request from `from` (a loopback source address). */
  function call(from: string, method: string, path: string, { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {}) {
    return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request({ host: "127.0.0.1", port, localAddress: from, method, path, agent: false, headers: { ...headers, ...(data && { "content-type": "application/json" }) } }, (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
      });
      req.on("error", reject);
      req.end(data);
    });
  }

  /** Opens an event stream from `from`; `ended` settles when the server ends it. */
  function stream(from: string, path: string, headers: Record<string, string>) {
    return new Promise<{ req: http.ClientRequest; ended: Promise<void>; isEnded: () => boolean }>((resolve, reject) => {
      let ended = false;
      const req = http.get({ host: "127.0.0.1", port, localAddress: from, path, headers, agent: false }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        let text = "";
        const done = new Promise<void>((d) => res.once("end", d).once("close", d)).then(() => void (ended = true));
        res.setEncoding("utf8").on("data", (c: string) => {
          const live = text.includes("event: ready");
          text += c;
          if (!live && text.includes("event: ready")) resolve({ req, ended: done, isEnded: () => ended });
        });
        res.on("error", () => undefined);
      });
      req.on("error", reject);
    });
  }

  const q = () => `?website_token=${w.widget.websiteToken}`;
  const newVisitor = async (from: string, forged?: string) => {
    const res = await call(from, "POST", `/api/v1/widget/config${q()}`, { headers: forged ? { "x-forwarded-for": forged } : {} });
    expect(res.status).toBe(200);
    return (res.body as { website_channel_config: { auth_token: string } }).website_channel_config.auth_token;
  };
  const firstMessage = async (from: string, token: string, forged: string) =>
    (await call(from, "POST", `/api/v1/widget/messages${q()}`, { body: { message: { content: "hello" } }, headers: { "x-auth-token": token, "x-forwarded-for": forged } })).status;

  it("W6 counts new conversations per source address; a rotating X-Forwarded-For gets nothing past it", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 3; i++) statuses.push(await firstMessage("127.0.0.2", await newVisitor("127.0.0.2", `9.9.9.${i}`), `9.9.9.${i}`));
    expect(statuses).toEqual([200, 200, 429]);
    // Another address has its own budget, whatever it claims to be.
    expect(await firstMessage("127.0.0.3", await newVisitor("127.0.0.3"), "127.0.0.2")).toBe(200);
  });

  it("ends a visitor's oldest stream past their cap: a new tab wins, never an error", async () => {
    const token = await newVisitor("127.0.0.4");
    const path = `/api/v1/widget/stream${q()}`;
    const first = await stream("127.0.0.4", path, { "x-auth-token": token });
    const second = await stream("127.0.0.4", path, { "x-auth-token": token });
    const third = await stream("127.0.0.4", path, { "x-auth-token": token });
    await first.ended;
    expect(second.isEnded() || third.isEnded()).toBe(false);
    for (const s of [second, third]) s.req.destroy();
  });

  it("ends an agent's oldest stream past their cap, and an address's oldest past its cap; other addresses are untouched", async () => {
    const agent = { api_access_token: w.agent.accessToken };
    const opened = [];
    for (let i = 0; i < 4; i++) opened.push(await stream("127.0.0.5", "/api/v1/stream", agent));
    await opened[0]!.ended;
    expect(opened.slice(1).some((s) => s.isEnded())).toBe(false);
    for (const s of opened) s.req.destroy();
    await waitFor("the streams to go", () => hub.subscriberCount === 0);

    // Four visitors behind one address (cap 4), plus one elsewhere; a fifth from the address ends its oldest.
    const elsewhere = await stream("127.0.0.7", `/api/v1/widget/stream${q()}`, { "x-auth-token": await newVisitor("127.0.0.7") });
    const fromOne = [];
    for (let i = 0; i < 5; i++) fromOne.push(await stream("127.0.0.6", `/api/v1/widget/stream${q()}`, { "x-auth-token": await newVisitor("127.0.0.6"), "x-forwarded-for": `9.9.9.${i}` }));
    await fromOne[0]!.ended;
    expect(fromOne.slice(1).some((s) => s.isEnded())).toBe(false);
    expect(elsewhere.isEnded()).toBe(false);
    for (const s of [...fromOne, elsewhere]) s.req.destroy();
  });
});
