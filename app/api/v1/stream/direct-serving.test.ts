import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { installDatabase } from "@/db/client";
import { clearDirectRoutes, registerDirectRoutes, type DirectRouter } from "@/lib/http/direct-routes";
import { appendEvent } from "@/lib/realtime/append-event";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { kickRealtime, installRealtimeHub } from "@/lib/realtime/process-hub";
import { connectStream, type StreamMessage } from "@/lib/realtime/stream-client";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { buildClientWorld } from "@/test/support/client-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { startDirectServer } from "@/test/support/direct-server";
import { waitFor } from "@/test/support/realtime";
import { widgetApi } from "@/test/support/widget-api";
import { GET as widgetStream } from "../widget/stream/route";
import { GET as operatorStream } from "./route";

// Hundreds of one agent's and one visitor's streams from one address: lift the stream caps (issue
// #13; lib/env.ts is read once, on first use), put back afterwards.
const saved = vi.hoisted(() => {
  const caps = { STREAMS_PER_VISITOR: "1000", STREAMS_PER_AGENT: "1000", STREAMS_PER_ADDRESS: "1000" };
  const before = Object.fromEntries(Object.keys(caps).map((k) => [k, process.env[k]]));
  Object.assign(process.env, caps);
  return before;
});

/**
 * The production serving path of the two event streams (SPEC B4): node:http → createDirectRouter →
 * the route handlers, as scripts/serve.ts runs them, over real sockets. Every way a stream can end must
 * give its subscriber back to the hub.
 */
describe("event streams served straight from node:http (B4, E4, E5)", () => {
  let t: TestDatabase;
  let hub: Hub;
  let router: DirectRouter;
  let direct: Awaited<ReturnType<typeof startDirectServer>>;
  let base: string;
  let w: Awaited<ReturnType<typeof buildClientWorld>>;
  let widgetToken: string;
  let fallbackHits: string[];

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    installDatabase(t);
    const store = createMemoryStore();
    installCoordinationStore(store);
    hub = createHub({ db: t.db, store, pollMs: 60_000, log: { warn: () => undefined, error: () => undefined } });
    installRealtimeHub(hub);
    w = await buildClientWorld(t.db);
    const q = `?website_token=${w.widget.websiteToken}`;
    widgetToken = ((await widgetApi("POST", `/api/v1/widget/config${q}`)).body as { website_channel_config: { auth_token: string } }).website_channel_config.auth_token;
    await kickRealtime();

    registerDirectRoutes({ "/api/v1/stream": operatorStream, "/api/v1/widget/stream": widgetStream });
    direct = await startDirectServer();
    ({ router, base, fallbackHits } = direct);
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    clearDirectRoutes();
    await direct.close();
    installRealtimeHub(undefined);
    await hub.close();
    await closeTestDatabase(t);
  });

  /** Opens a raw stream and resolves once it is live (`ready` seen); `ended` settles when the body ends. */
  function open(path: string, headers: Record<string, string>) {
    return new Promise<{ req: http.ClientRequest; ended: Promise<void>; text: () => string }>((resolve, reject) => {
      const req = http.get(`${base}${path}`, { headers, agent: false }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        let text = "";
        const ended = new Promise<void>((done) => res.once("end", done).once("close", done));
        res.setEncoding("utf8").on("data", (chunk: string) => {
          const before = text;
          text += chunk;
          if (!before.includes("event: ready") && text.includes("event: ready")) resolve({ req, ended, text: () => text });
        });
        res.on("error", () => undefined);
      });
      req.on("error", reject);
    });
  }
  const operator = () => open("/api/v1/stream", { api_access_token: w.agent.accessToken });
  const visitor = () => open(`/api/v1/widget/stream?website_token=${w.widget.websiteToken}`, { "x-auth-token": widgetToken });

  it("gives every subscriber back to the hub when hundreds of clients vanish at once", async () => {
    const streams = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? operator() : visitor())));
    expect(hub.subscriberCount).toBe(200);
    for (const s of streams) s.req.destroy();
    await waitFor("every subscriber to go", () => hub.subscriberCount === 0);
  });

  it("delivers over the socket and resumes exactly once with Last-Event-ID", async () => {
    const produce = async (n: number) => {
      await appendEvent(t.db, { accountId: w.account.id, type: "message.created", inboxId: w.inbox.id, contactInboxId: w.contactInbox.id, payload: { n } });
      await kickRealtime();
    };
    const got: StreamMessage[] = [];
    const url = `${base}/api/v1/stream`;
    const headers = { api_access_token: w.agent.accessToken };
    const first = connectStream({ url, headers, onMessage: (m) => got.push(m) });
    await waitFor("ready", () => got.some((m) => m.event === "ready"));
    await produce(1);
    await waitFor("the first event", () => got.some((m) => m.event === "message.created"));
    first.close();
    await waitFor("the subscriber to go", () => hub.subscriberCount === 0);
    await produce(2);
    await produce(3);
    const resumed: StreamMessage[] = [];
    const second = connectStream({ url, headers, lastEventId: first.lastEventId, onMessage: (m) => resumed.push(m) });
    await waitFor("the missed events", () => resumed.filter((m) => m.event === "message.created").length === 2);
    second.close();
    const ns = [...got, ...resumed].filter((m) => m.event === "message.created").map((m) => (JSON.parse(m.data) as { n: number }).n);
    expect(ns).toEqual([1, 2, 3]);
    await waitFor("the subscriber to go", () => hub.subscriberCount === 0);
  });

  it("ends the responses on a hub drain and on the server's own shutdown, freeing every subscriber", async () => {
    const drained = await Promise.all([operator(), visitor(), operator()]);
    expect(hub.closeAll!()).toBe(3);
    await Promise.all(drained.map((s) => s.ended));
    expect(hub.subscriberCount).toBe(0);

    const shut = await Promise.all([operator(), visitor()]);
    expect(router.closeAll()).toBe(2);
    await Promise.all(shut.map((s) => s.ended));
    await waitFor("every subscriber to go", () => hub.subscriberCount === 0);
  });

  it("answers refusals as the route does, and leaves other paths and methods to Next", async () => {
    const refused = await fetch(`${base}/api/v1/stream`);
    expect(refused.status).toBe(401);
    const badToken = await fetch(`${base}/api/v1/widget/stream?website_token=${w.widget.websiteToken}`, { headers: { "x-auth-token": "forged" } });
    expect(badToken.status).toBe(404);
    for (const [method, path] of [
      ["POST", "/api/v1/stream"],
      ["GET", "/api/v1/stream/"],
      ["GET", "/api/v1/profile"],
    ] as const) {
      expect((await fetch(`${base}${path}`, { method })).status).toBe(418);
    }
    expect(fallbackHits).toEqual(["POST /api/v1/stream", "GET /api/v1/stream/", "GET /api/v1/profile"]);
    expect(hub.subscriberCount).toBe(0);
  });
});
