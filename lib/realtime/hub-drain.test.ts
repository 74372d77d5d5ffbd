import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildWorld } from "@/test/support/engine-fixtures";
import { insertEvent, waitFor } from "@/test/support/realtime";
import { loadAgentAudience } from "./audience";
import { createDrainHandler } from "./drain-handler";
import { hubEventStream } from "./event-stream";
import { createHub, type Hub } from "./hub";
import { connectStream, type StreamMessage, type StreamState } from "./stream-client";

const SECRET = "drain-secret-0123456789";

describe.each(backends)("draining the hub's streams on %s (E5)", (backend) => {
  let t: TestDatabase;
  let hub: Hub;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    hub = createHub({ db: t.db, store: createMemoryStore(), pollMs: 60_000, log: { warn: () => undefined, error: () => undefined } });
    w = await buildWorld(t.db);
  });
  afterAll(async () => {
    await hub.close();
    await closeTestDatabase(t);
  });

  it("closeAll ends every stream; clients resume with Last-Event-ID and get what was sent in the gap exactly once", async () => {
    const audience = await loadAgentAudience(t.db, w.agent.id);
    const got: StreamMessage[] = [];
    const states: StreamState[] = [];
    const cursors: (number | null)[] = [];
    const client = connectStream({
      url: "http://parley.test/stream",
      minDelayMs: 5,
      maxDelayMs: 20,
      fetch: async (_url, init) => {
        const id = (init!.headers as Record<string, string>)["Last-Event-ID"];
        cursors.push(id === undefined ? null : Number(id));
        return hubEventStream({ hub, audience, cursor: id === undefined ? null : Number(id), signal: init!.signal! });
      },
      onMessage: (m) => got.push(m),
      onState: (s) => states.push(s),
    });
    const markers = () => got.filter((m) => m.event === "message.created").map((m) => (JSON.parse(m.data) as { n: number }).n);
    const emit = async (n: number) => {
      await insertEvent(t.db, { accountId: w.account.id, inboxId: w.inbox.id, payload: { n } });
      await hub.kick();
    };
    await waitFor("ready", () => got.some((m) => m.event === "ready"));
    await emit(1);
    await waitFor("event 1", () => markers().length === 1);
    expect(hub.subscriberCount).toBe(1);

    expect(hub.closeAll!()).toBe(1);
    expect(hub.subscriberCount).toBe(0);
    await emit(2); // in the gap: nobody is subscribed
    await waitFor("the reconnect", () => cursors.length === 2 && hub.subscriberCount === 1);
    await emit(3);
    await waitFor("events 2 and 3", () => markers().length === 3);
    client.close();
    expect(markers()).toEqual([1, 2, 3]);
    expect(states).toContain("reconnecting");
    expect(cursors[1]).not.toBeNull();
    // The client's close ends the stream; its subscription goes once the subscribe that served events
    // 2 and 3 (possibly from its replay, before it resolved) has resolved.
    await waitFor("the subscription to go", () => hub.subscriberCount === 0);
    expect(hub.closeAll!()).toBe(0);
  });

  it("the drain route needs the cron secret: 404 without one configured, 401 for a wrong one, else the number closed", async () => {
    const handler = (secret: string | undefined) => createDrainHandler({ secret: () => secret, hub: async () => hub });
    const post = (auth?: string) => new Request("http://parley.test/api/internal/streams/drain", { method: "POST", headers: auth ? { authorization: auth } : {} });
    expect((await handler(undefined)(post(`Bearer ${SECRET}`))).status).toBe(404);
    expect((await handler(SECRET)(post())).status).toBe(401);
    expect((await handler(SECRET)(post(`Bearer ${SECRET}x`))).status).toBe(401);
    const audience = await loadAgentAudience(t.db, w.admin.id);
    const sub = await hub.subscribe({ audience, onEvent: () => undefined });
    const res = await handler(SECRET)(post(`Bearer ${SECRET}`));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ closed: 1 });
    expect(hub.subscriberCount).toBe(0);
    sub.close();
  });
});
