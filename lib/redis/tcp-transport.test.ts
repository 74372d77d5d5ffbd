import { randomBytes } from "node:crypto";
import { connect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deleteRedisPrefix, TEST_REDIS_URL } from "@/test/support/stores";
import type { CoordinationStore } from "./port";
import { createTcpStore } from "./tcp-store";

/**
 * What the TCP store relies on below the port (R2): an unreachable or hung Redis fails a call within
 * the deadline instead of hanging, and pub/sub comes back by itself after the connection drops —
 * one SUBSCRIBE per channel however many local subscribers.
 */
const target = new URL(TEST_REDIS_URL);
const silent = { warn: () => {} };

/** A TCP proxy in front of redis-server whose connections the test can cut. */
async function startCuttableProxy(): Promise<{ url: string; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const cut = () => {
    for (const s of sockets) s.destroy();
  };
  return { url: `redis://127.0.0.1:${port}`, cut, close: () => (cut(), new Promise((r) => server.close(() => r()))) };
}

const opened: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const undo of opened.splice(0).reverse()) await undo();
});

describe("Redis TCP store: failure and recovery", () => {
  it("rejects ping, limit and subscribe within the deadline when Redis accepts but never answers", async () => {
    const hung = createServer(() => {}); // accepts, then silence
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
    const hungSockets = new Set<Socket>();
    hung.on("connection", (s) => hungSockets.add(s));
    opened.push(() => new Promise((r) => (hungSockets.forEach((s) => s.destroy()), hung.close(r))));
    const store = createTcpStore({ url: `redis://127.0.0.1:${(hung.address() as AddressInfo).port}`, prefix: "hung", timeoutMs: 300, log: silent });
    opened.push(() => store.close());
    for (const call of [() => store.ping(), () => store.limit("k", { limit: 1, windowMs: 1_000 }), () => store.subscribe("c", () => {})]) {
      const started = Date.now();
      await expect(call()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2_500);
    }
  });

  it("rejects within the deadline when nothing listens", async () => {
    const store = createTcpStore({ url: "redis://127.0.0.1:1", prefix: "down", timeoutMs: 300, log: silent });
    opened.push(() => store.close());
    const started = Date.now();
    await expect(store.throttle("k", 1_000)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("resubscribes after the connection drops, and delivers again without a new subscribe", async () => {
    const proxy = await startCuttableProxy();
    opened.push(() => proxy.close());
    const prefix = `parley-test-${randomBytes(6).toString("hex")}`;
    opened.push(() => deleteRedisPrefix(prefix));
    const store: CoordinationStore = createTcpStore({ url: proxy.url, prefix, timeoutMs: 2_000, log: silent });
    opened.push(() => store.close());
    const got: string[] = [];
    const again: string[] = [];
    await store.subscribe("wake", (m) => got.push(m));
    await store.subscribe("wake", (m) => again.push(m));

    await store.publish("wake", "before");
    await vi.waitFor(() => expect(got).toEqual(["before"]), { timeout: 3_000, interval: 10 });
    proxy.cut();
    // Publishing through the same store proves both connections are back; keep going until one lands.
    await vi.waitFor(
      async () => {
        await store.publish("wake", "after").catch(() => undefined);
        expect(got).toContain("after");
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(got[0]).toBe("before");
    expect(new Set(got.slice(1))).toEqual(new Set(["after"]));
    expect(again).toEqual(got);
  });
});
