import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { installDatabase } from "@/db/client";
import { appendEvent } from "@/lib/realtime/append-event";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { kickRealtime, installRealtimeHub } from "@/lib/realtime/process-hub";
import { connectStream, type StreamMessage } from "@/lib/realtime/stream-client";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildWorld } from "@/test/support/engine-fixtures";
import { apiRequest, callRoute, sessionCookie } from "@/test/support/http";
import { inProcessFetch, waitFor } from "@/test/support/realtime";
import { GET } from "./route";

describe.each(backends)("GET /api/v1/stream on %s (E4, E5, P1)", (backend) => {
  let t: TestDatabase;
  let store: CoordinationStore;
  let hub: Hub;
  let w: Awaited<ReturnType<typeof buildWorld>>;

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
    store = createMemoryStore();
    installCoordinationStore(store);
    hub = createHub({ db: t.db, store, pollMs: 60_000, log: { warn: () => undefined, error: () => undefined } });
    installRealtimeHub(hub);
    w = await buildWorld(t.db);
  });
  afterAll(async () => {
    installRealtimeHub(undefined);
    await hub.close();
    await closeTestDatabase(t);
  });

  /** The stream client driving the route handler in-process, as fetch would reach it. */
  const routeFetch = inProcessFetch((req) => callRoute(GET, req));
  const url = "http://parley.test/api/v1/stream";

  async function produce(...ns: number[]) {
    for (const n of ns) {
      await appendEvent(t.db, { accountId: w.account.id, type: "message.created", inboxId: w.inbox.id, contactInboxId: w.contactInbox.id, payload: { n } });
    }
    await kickRealtime();
  }

  it("refuses a caller without credentials", async () => {
    const res = await callRoute(GET, await apiRequest("/api/v1/stream"));
    expect(res.status).toBe(401);
  });

  it("streams with SSE headers for a session cookie, ids are stream positions, and closing frees the subscriber", async () => {
    const res = await callRoute(GET, await apiRequest("/api/v1/stream", { sessionUserId: w.agent.id }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    await res.body!.cancel();
    await waitFor("the subscriber to go", () => hub.subscriberCount === 0);
  });

  it("delivers live events to a token client, records presence, and replays what it missed after reconnecting", async () => {
    const got: StreamMessage[] = [];
    const headers = { api_access_token: w.agent.accessToken };
    const first = connectStream({ url, headers, fetch: routeFetch, onMessage: (m) => got.push(m) });
    await waitFor("ready", () => got.some((m) => m.event === "ready"));
    expect(await store.present(`presence:${w.account.id}`, 0)).toContain(String(w.agent.id));

    await produce(1, 2);
    await waitFor("two events", () => got.filter((m) => m.event === "message.created").length === 2);
    first.close();
    await waitFor("the subscriber to go", () => hub.subscriberCount === 0);
    const cursor = first.lastEventId;
    expect(cursor).toBe(got.at(-1)!.id);

    await produce(3, 4, 5);
    const resumed: StreamMessage[] = [];
    const second = connectStream({ url, headers, lastEventId: cursor, fetch: routeFetch, onMessage: (m) => resumed.push(m) });
    await produce(6);
    await waitFor("four events", () => resumed.filter((m) => m.event === "message.created").length === 4);
    second.close();
    const events = [...got, ...resumed].filter((m) => m.event === "message.created");
    expect(events.map((m) => (JSON.parse(m.data) as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6]);
    const ids = events.map((m) => Number(m.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(6);
  });

  it("keeps streaming when the coordination store is down (R2): presence is skipped, events still arrive", async () => {
    const down = createMemoryStore();
    down.touch = () => Promise.reject(new Error("redis down"));
    installCoordinationStore(down);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const got: StreamMessage[] = [];
      const client = connectStream({ url, headers: { api_access_token: w.admin.accessToken }, fetch: routeFetch, onMessage: (m) => got.push(m) });
      await waitFor("ready", () => got.some((m) => m.event === "ready"));
      await produce(7);
      await waitFor("the event", () => got.some((m) => m.event === "message.created"));
      client.close();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("presence not recorded (redis down)"));
    } finally {
      warn.mockRestore();
      installCoordinationStore(store);
    }
  });

  it("sends resync for a cursor it cannot resume", async () => {
    const got: StreamMessage[] = [];
    const client = connectStream({ url, headers: { cookie: await sessionCookie(w.admin.id) }, lastEventId: "999999999", fetch: routeFetch, onMessage: (m) => got.push(m) });
    await waitFor("resync then ready", () => got.some((m) => m.event === "ready"));
    client.close();
    expect(got.map((m) => m.event)).toEqual(["resync", "ready"]);
    expect(JSON.parse(got[0]!.data)).toEqual({ reason: "unknown" });
  });
});
