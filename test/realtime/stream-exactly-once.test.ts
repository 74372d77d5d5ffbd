import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as streamGET } from "@/app/api/v1/stream/route";
import { installDatabase, openDatabase, type Database } from "@/db/client";
import { conversations } from "@/db/schema";
import { appendEvent } from "@/lib/realtime/append-event";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { createLookupCache, installLookupCache } from "@/lib/realtime/lookup-cache";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import { connectStream, type StreamClient, type StreamMessage } from "@/lib/realtime/stream-client";
import { installCoordinationStore } from "@/lib/redis";
import { createUpstashStore } from "@/lib/redis/upstash-store";
import { startWorkflowProcessor, stopWorkflowProcessor } from "@/lib/workflow/process-events";
import { clientApi } from "@/test/support/client-api";
import { buildClientWorld } from "@/test/support/client-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/http";
import { inProcessFetch, waitFor } from "@/test/support/realtime";
import { startUpstashBridge, type UpstashBridge } from "@/test/support/upstash-bridge";

/**
 * E5 on the path bench:realtime measures (B1): Client API messages posted at once while operator
 * streams are open, on real Postgres and real Redis, with everything that reads the outbox in a
 * production process running — the process hub's own kicks (relay and read in one round trip), a
 * fast safety-net poll, another instance's wake-ups, the lookup cache fed by the hub (E8) and the
 * workflow processor, whose notification to the assignee quotes the message it is about (NT3). Every
 * stream must see each event once, in position order, and each message by exactly one
 * `message.created`.
 */
const CONVERSATIONS = 4;
const PER_CONVERSATION = 12; // under M2's 20 a minute
const OTHER_INSTANCE = 24;
const STREAMS = 8;

describe("operator streams under concurrent posts (E5, postgres + redis)", () => {
  let t: TestDatabase;
  let bridge: UpstashBridge;
  let hub: Hub;
  let other: { hub: Hub; pool: Database };
  let w: Awaited<ReturnType<typeof buildClientWorld>>;
  let workflowIdle: () => Promise<void>;
  const quiet = { warn: () => undefined, error: () => undefined };

  beforeAll(async () => {
    t = await createTestDatabase("postgres", { poolMax: 10 });
    installDatabase(t);
    bridge = await startUpstashBridge();
    const prefix = `e5_${randomBytes(4).toString("hex")}`;
    const store = () => createUpstashStore({ url: bridge.url, token: bridge.token, prefix, timeoutMs: 2000 });
    const processStore = store();
    installCoordinationStore(processStore);
    const cache = createLookupCache();
    installLookupCache(cache);
    // A 5 ms poll keeps a poll read racing every kick's relay-and-read.
    hub = createHub({ db: t.db, store: processStore, pollMs: 5, log: quiet, onRead: (events) => cache.observe(events) });
    installRealtimeHub(hub);
    const pool = await openDatabase({ DATABASE_URL: t.url, DATA_DIR: ".data", DATABASE_POOL_MAX: 4 });
    other = { pool, hub: createHub({ db: pool.db, store: store(), pollMs: 5, log: quiet }) };
    workflowIdle = startWorkflowProcessor();
    w = await buildClientWorld(t.db);
  });
  afterAll(async () => {
    installRealtimeHub(undefined);
    installLookupCache(undefined);
    await other.hub.close();
    await hub.close();
    // Both hubs of this process hand what they read to the workflow processor: let it finish first.
    await workflowIdle();
    stopWorkflowProcessor();
    await other.pool.close();
    await bridge.close();
    await closeTestDatabase(t);
  });

  it("delivers every event once and in order to every stream, each message by one message.created", async () => {
    // Visitors' conversations, assigned to the administrator who watches: each first message raises
    // a notification.created for them that carries the message's content again.
    const conversationUrls: string[] = [];
    for (let c = 0; c < CONVERSATIONS; c++) {
      const contact = await clientApi("POST", `${w.base}/contacts`, { body: { name: `Visitor ${c}` } });
      const sourceId = (contact.body as { source_id: string }).source_id;
      const created = await clientApi("POST", `${w.base}/contacts/${sourceId}/conversations`, { body: {} });
      const displayId = (created.body as { id: number }).id;
      await t.db.update(conversations).set({ assigneeId: w.admin.id }).where(eq(conversations.displayId, displayId));
      conversationUrls.push(`${w.base}/contacts/${sourceId}/conversations/${displayId}/messages`);
    }

    const routeFetch = inProcessFetch((req) => callRoute(streamGET, req));
    const got: StreamMessage[][] = Array.from({ length: STREAMS }, () => []);
    const clients: StreamClient[] = got.map((messages) =>
      connectStream({ url: "http://parley.test/api/v1/stream", headers: { api_access_token: w.admin.accessToken }, fetch: routeFetch, onMessage: (m) => messages.push(m) }),
    );
    try {
      await waitFor("every stream ready", () => got.every((m) => m.some((x) => x.event === "ready")));

      const posted: number[] = [];
      const post = async (url: string, c: number) => {
        for (let k = 0; k < PER_CONVERSATION; k++) {
          const res = await clientApi("POST", url, { body: { content: `e5-${c}-${k}`, echo_id: `e5-${c}-${k}` } });
          expect(res.status).toBe(200);
          posted.push((res.body as { id: number }).id);
        }
      };
      // Another instance writing and kicking at the same time: its wake-ups reach this process's hub.
      const otherInstance = async () => {
        for (let k = 0; k < OTHER_INSTANCE; k++) {
          await appendEvent(other.pool.db, { accountId: w.account.id, type: "contact.updated", payload: { id: w.contact.id, n: k } });
          await other.hub.kick();
        }
      };
      await Promise.all([...conversationUrls.map((url, c) => post(url, c)), otherInstance()]);

      const messageIds = (m: StreamMessage[]) => m.filter((x) => x.event === "message.created").map((x) => (JSON.parse(x.data) as { id: number }).id);
      const otherCount = (m: StreamMessage[]) => m.filter((x) => x.event === "contact.updated").length;
      await waitFor("every message and every other-instance event on every stream", () => got.every((m) => new Set(messageIds(m)).size >= posted.length && otherCount(m) >= OTHER_INSTANCE), 30_000);
      // A last event through the same hub: anything a racing read would deliver twice comes before it.
      await appendEvent(t.db, { accountId: w.account.id, type: "contact.updated", payload: { id: w.contact.id, n: "last" } });
      await hub.kick();
      await waitFor("the last event on every stream", () => got.every((m) => m.some((x) => x.event === "contact.updated" && x.data.includes('"last"'))));

      for (const messages of got) {
        const events = messages.filter((x) => x.event !== "ready" && x.event !== "resync");
        const ids = events.map((x) => Number(x.id));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        expect(messageIds(messages).sort((a, b) => a - b)).toEqual([...posted].sort((a, b) => a - b));
        expect(otherCount(messages)).toBe(OTHER_INSTANCE + 1);
      }
      // The notifications did arrive and did quote a message: the receipts above are not fooled by them.
      await waitFor("a notification on every stream", () => got.every((m) => m.some((x) => x.event === "notification.created" && x.data.includes('"content":"e5-'))));
    } finally {
      for (const c of clients) c.close();
    }
    await waitFor("the streams to go", () => hub.subscriberCount === 0);
  }, 60_000);
});
