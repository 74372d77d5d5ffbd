import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import * as sweepRoute from "@/app/api/internal/sweep/route";
import { installDatabase } from "@/db/client";
import { conversations } from "@/db/schema";
import { touchAgentPresence } from "@/lib/presence/agent-presence";
import { loadAgentAudience } from "@/lib/realtime/audience";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import type { StreamEvent } from "@/lib/realtime/relay";
import { installCoordinationStore } from "@/lib/redis";
import type { CoordinationStore } from "@/lib/redis/port";
import { createUpstashStore } from "@/lib/redis/upstash-store";
import { clientApi } from "@/test/support/client-api";
import { buildClientWorld } from "@/test/support/client-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { waitFor } from "@/test/support/realtime";
import { startUpstashBridge, type UpstashBridge } from "@/test/support/upstash-bridge";
import { startPrivateRedis, type PrivateRedis } from "./support/private-redis";

const CRON_SECRET = "r2-cron-secret-0123456789abcdef";
process.env.CRON_SECRET = CRON_SECRET;

/**
 * R2 (SPEC §14) end to end through the route handlers: the app's Upstash store talks through the
 * Upstash bridge to a redis-server of the suite's own, which is killed and started again (empty, as a
 * restarted cache comes back). While it is down a visitor's conversation and messages are accepted,
 * stored and delivered to the subscriber on this instance; the conversation waits unassigned;
 * /api/health says "degraded". When Redis is back the same process — same store, hub and bridge —
 * reports "ok" again, and the sweep assigns what waited.
 */
type HealthBody = { status: string; coordination: string };
const health = async () => {
  const res = await healthRoute.GET();
  return { status: res.status, body: (await res.json()) as HealthBody };
};

describe("R2: Redis down and back", () => {
  let redis: PrivateRedis;
  let bridge: UpstashBridge;
  let store: CoordinationStore;
  let t: TestDatabase;
  let hub: Hub;
  let w: Awaited<ReturnType<typeof buildClientWorld>>;
  const got: StreamEvent[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    bridge = await startUpstashBridge({ redisUrl: redis.url });
    store = createUpstashStore({ url: bridge.url, token: bridge.token, prefix: `r2-${randomBytes(4).toString("hex")}`, timeoutMs: 500 });
    t = await createTestDatabase("postgres");
    installDatabase(t);
    installCoordinationStore(store);
    hub = createHub({ db: t.db, store, pollMs: 200, log: { warn: () => undefined, error: () => undefined } });
    installRealtimeHub(hub);
    w = await buildClientWorld(t.db);
    await touchAgentPresence(store, { accountIds: [w.account.id], userId: w.agent.id, now: new Date() });
    await hub.subscribe({ audience: await loadAgentAudience(t.db, w.admin.id), onEvent: (e) => got.push(e) });
  });
  afterAll(async () => {
    installRealtimeHub(undefined);
    await hub?.close();
    await bridge?.close();
    await redis?.stop();
    await closeTestDatabase(t);
  });

  /** A visitor opens a conversation and writes in it through the Client API, as a Chatwoot client would. */
  async function visitorWrites(content: string) {
    const started = Date.now();
    const opened = await clientApi("POST", `${w.contactBase}/conversations`, { body: {} });
    expect(opened.status, opened.text).toBe(200);
    const displayId = (opened.body as { id: number }).id;
    const sent = await clientApi("POST", `${w.contactBase}/conversations/${displayId}/messages`, { body: { content } });
    expect(sent.status, sent.text).toBe(200);
    const [conversation] = await t.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.accountId, w.account.id), eq(conversations.displayId, displayId)));
    return { conversation: conversation!, messageId: (sent.body as { id: number }).id, ms: Date.now() - started };
  }
  const delivered = (messageId: number) => got.some((e) => e.type === "message.created" && (e.payload as { id?: number }).id === messageId);

  it("with Redis up, a visitor's conversation is assigned at once and the health is ok", async () => {
    expect((await health()).body).toMatchObject({ status: "ok", coordination: "ok" });
    const { conversation, messageId } = await visitorWrites("hello while all is well");
    expect(conversation.assigneeId).toBe(w.agent.id);
    await waitFor("delivery", () => delivered(messageId));
  });

  let waiting: Awaited<ReturnType<typeof visitorWrites>>;
  it("with Redis down, messages are accepted, stored and delivered here, the conversation waits, and health says degraded", async () => {
    await redis.stop();
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: "degraded", coordination: "down" });

    waiting = await visitorWrites("anyone there? (Redis is down)");
    expect(waiting.conversation.assigneeId).toBeNull();
    expect(waiting.ms, "a Redis outage costs a request at most the store's timeouts").toBeLessThan(5_000);
    await waitFor("delivery by the instance with the subscriber", () => delivered(waiting.messageId), 10_000);
    const again = await visitorWrites("still there?");
    await waitFor("the second message", () => delivered(again.messageId), 10_000);
  });

  it("with Redis back, the same process reports ok and the sweep assigns what waited", async () => {
    await redis.start();
    await waitFor("health ok again", async () => (await health()).body.status === "ok", 15_000);
    // Redis came back empty: the agent's open stream records presence again with its next heartbeat.
    await touchAgentPresence(store, { accountIds: [w.account.id], userId: w.agent.id, now: new Date() });
    const swept = await sweepRoute.POST(new Request("http://parley.test/api/internal/sweep", { method: "POST", headers: { authorization: `Bearer ${CRON_SECRET}` } }));
    expect(swept.status).toBe(200);
    expect(((await swept.json()) as { assigned: number }).assigned).toBeGreaterThanOrEqual(1);
    const [after] = await t.db.select().from(conversations).where(eq(conversations.id, waiting.conversation.id));
    expect(after!.assigneeId).toBe(w.agent.id);
    const { messageId } = await visitorWrites("and now?");
    await waitFor("delivery after recovery", () => delivered(messageId));
  });
});
