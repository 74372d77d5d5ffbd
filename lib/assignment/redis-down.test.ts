import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMessage } from "@/lib/messages/create-message";
import { runSweep } from "@/lib/maintenance/run-sweep";
import { installCoordinationStore } from "@/lib/redis";
import { createUpstashStore } from "@/lib/redis/upstash-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { buildAssignmentWorld } from "@/test/support/assignment-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { reloadConversation } from "@/test/support/engine-fixtures";
import { deleteRedisPrefix, TEST_REDIS_URL } from "@/test/support/stores";
import { startUpstashBridge, type UpstashBridge } from "@/test/support/upstash-bridge";

/**
 * R2: with Redis unreachable, a conversation is still created (unassigned) and a visitor's message
 * still accepted; after the first failure assignment pauses instead of making every request wait on
 * the store; the sweep assigns once Redis is back — no restart — and ends the pause.
 * "Down" is the Upstash endpoint gone from its port; "back" is the bridge restarted on that port.
 */
const T0 = new Date("2026-03-02T10:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("Redis down (R2)", () => {
  let t: TestDatabase;
  let bridge: UpstashBridge | undefined;
  let store: CoordinationStore;
  let port: number;
  let storeCalls = 0;
  const token = "r2-test-token";
  const prefix = `parley-test-r2-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    port = await freePort();
    bridge = await startUpstashBridge({ redisUrl: TEST_REDIS_URL, port, token });
    const upstash = createUpstashStore({ url: `http://127.0.0.1:${port}`, token, prefix, timeoutMs: 500 });
    // Counts calls, to see that a paused assignment does not go to the store at all.
    store = new Proxy(upstash, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? (...args: unknown[]) => (storeCalls++, value.apply(target, args)) : value;
      },
    });
    installCoordinationStore(store);
  });
  afterAll(async () => {
    await bridge?.close();
    await closeTestDatabase(t);
    await deleteRedisPrefix(prefix);
  });

  it("creation and messages succeed unassigned while Redis is down; a later sweep with Redis back assigns", async () => {
    const w = await buildAssignmentWorld(t.db, store, { agents: [{}], now: T0 });
    await bridge!.close();
    bridge = undefined;
    await expect(store.ping()).rejects.toThrow();

    const conversation = await w.open(at(1));
    expect(conversation).toMatchObject({ status: "open", assigneeId: null });
    const { message, created } = await createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content: "anyone there?" }, now: at(2) });
    expect(created).toBe(true);
    expect(message.content).toBe("anyone there?");

    // After that failure, assignment pauses: the next creation does not wait on the store at all.
    const callsBefore = storeCalls;
    const second = await w.open(at(3));
    expect(second.assigneeId).toBeNull();
    expect(storeCalls).toBe(callsBefore);

    const during = await runSweep(t.db, { store, now: at(10) });
    expect(during.assigned).toBe(0);
    expect(during.errors.join()).toMatch(/assignment/);
    expect((await reloadConversation(t.db, conversation.id)).assigneeId).toBeNull();

    bridge = await startUpstashBridge({ redisUrl: TEST_REDIS_URL, port, token });
    const after = await runSweep(t.db, { store, now: at(20) });
    expect(after).toMatchObject({ assigned: 2, errors: [] });
    expect((await reloadConversation(t.db, conversation.id)).assigneeId).toBe(w.agents[0]!.id);
    expect((await reloadConversation(t.db, second.id)).assigneeId).toBe(w.agents[0]!.id);
    // The sweep reached the store, so the pause is over: a new conversation is assigned at once.
    expect((await w.open(at(21))).assigneeId).toBe(w.agents[0]!.id);
  });
});
