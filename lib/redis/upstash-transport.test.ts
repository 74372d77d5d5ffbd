import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startUpstashBridge, type UpstashBridge } from "@/test/support/upstash-bridge";
import { createUpstashStore } from "./upstash-store";

/**
 * What the Upstash store relies on below the port: the test bridge speaks Upstash's REST protocol
 * faithfully (so the contract suite's Redis run means something), and an unreachable Redis fails a
 * request fast instead of hanging (R2).
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `parley-test-${randomBytes(6).toString("hex")}`;
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

describe("Upstash-REST bridge to redis-server", () => {
  let bridge: UpstashBridge;
  let client: Redis;
  const used: string[] = [];
  const key = (name: string) => {
    const k = `${prefix}:${name}`;
    used.push(k);
    return k;
  };
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${bridge.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${bridge.token}`, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  beforeAll(async () => {
    bridge = await startUpstashBridge({ redisUrl: REDIS_URL });
    client = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false, automaticDeserialization: false });
  });
  afterAll(async () => {
    if (used.length > 0) await post("/", ["del", ...used]);
    await bridge.close();
  });

  it("refuses a wrong or missing bearer token with 401", async () => {
    const wrong = await fetch(bridge.url, { method: "POST", headers: { authorization: "Bearer nope" }, body: '["ping"]' });
    expect(wrong.status).toBe(401);
    const missing = await fetch(bridge.url, { method: "POST", body: '["ping"]' });
    expect(missing.status).toBe(401);
    const store = createUpstashStore({ url: bridge.url, token: "nope", prefix });
    await expect(store.ping()).rejects.toThrow();
  });

  it("runs one command and reports Redis errors as { error } with 400", async () => {
    expect(await post("/", ["ping"])).toEqual({ status: 200, body: { result: "PONG" } });
    const bad = await post("/", ["nosuchcommand", "x"]);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: expect.stringMatching(/unknown command/i) });
  });

  it("base64-encodes string results under Upstash-Encoding: base64, and the client decodes them", async () => {
    const k = key("b64");
    const text = 'héllo ✓ {"json": true}';
    const b64 = { "upstash-encoding": "base64" };
    expect(await post("/", ["set", k, text], b64)).toEqual({ status: 200, body: { result: "OK" } });
    expect(await post("/", ["get", k], b64)).toEqual({ status: 200, body: { result: Buffer.from(text).toString("base64") } });
    expect(await post("/", ["get", k])).toEqual({ status: 200, body: { result: text } });
    const list = key("b64-list");
    await client.rpush(list, "a", "ü");
    expect(await post("/", ["lrange", list, 0, -1], b64)).toEqual({ status: 200, body: { result: ["YQ==", "w7w="] } });
    expect(await client.get(k)).toBe(text);
    expect(await client.lrange(list, 0, -1)).toEqual(["a", "ü"]);
    expect(await client.incr(key("b64-n"))).toBe(1);
  });

  it("answers /pipeline with one { result } or { error } per command", async () => {
    const k = key("pipe");
    const res = await post("/pipeline", [
      ["set", k, "1"],
      ["incr", k],
      ["hget", k, "field"],
      ["get", k],
    ]);
    expect(res).toEqual({
      status: 200,
      body: [{ result: "OK" }, { result: 2 }, { error: expect.stringMatching(/WRONGTYPE/) }, { result: "2" }],
    });
    const p = client.pipeline();
    p.incr(k);
    p.get(k);
    expect(await p.exec()).toEqual([3, "3"]);
  });

  it("runs /multi-exec as one transaction, and discards all of it on a queueing error", async () => {
    const k = key("multi");
    expect(
      await post("/multi-exec", [
        ["set", k, "5"],
        ["incr", k],
        ["get", k],
      ]),
    ).toEqual({
      status: 200,
      body: [{ result: "OK" }, { result: 6 }, { result: "6" }],
    });
    const aborted = await post("/multi-exec", [
      ["incr", k],
      ["set", k],
    ]);
    expect(aborted).toEqual({ status: 400, body: { error: expect.stringMatching(/EXECABORT/) } });
    expect(await client.get(k)).toBe("6");
    const tx = client.multi();
    tx.incr(k);
    tx.incr(k);
    expect(await tx.exec()).toEqual([7, 8]);
  });

  it("runs scripts carrying the Upstash-only allow-key-locking flag, by EVAL, EVALSHA and SCRIPT LOAD", async () => {
    const script = `#!lua flags=allow-key-locking\n-- ${randomBytes(4).toString("hex")}\nreturn ARGV[1]`;
    // EVALSHA first: never seen, so NOSCRIPT, and the client falls back to EVAL as it does in production.
    expect(await client.createScript<string>(script).exec([], ["first"])).toBe("first");
    expect(await client.evalsha(sha1(script), [], ["by-sha"])).toBe("by-sha");
    const other = `#!lua flags=allow-key-locking,no-writes\nreturn redis.call('GET', KEYS[1])`;
    expect(await client.scriptLoad(other)).toBe(sha1(other));
    await client.set(key("script"), "v");
    expect(await client.evalsha(sha1(other), [key("script")], [])).toBe("v");
  });

  it("serves the client's own subscribe(): confirmation, then messages", async () => {
    const channel = `${prefix}:client-sub`;
    const subscriber = client.subscribe<string>([channel]);
    const events: string[] = [];
    subscriber.on("subscribe", (count) => events.push(`subscribed ${count}`));
    subscriber.on("message", ({ channel: from, message }) => events.push(`${from} ${message}`));
    await vi.waitFor(() => expect(events).toEqual(["subscribed 1"]), { timeout: 3_000, interval: 10 });
    await client.publish(channel, "hi");
    await vi.waitFor(() => expect(events).toEqual(["subscribed 1", `${channel} hi`]), { timeout: 3_000, interval: 10 });
    await subscriber.unsubscribe();
  });

  it("streams subscriptions and drops the Redis subscriber when the stream closes", async () => {
    const store = createUpstashStore({ url: bridge.url, token: bridge.token, prefix });
    const unsubscribe = await store.subscribe("stream", () => {});
    const subscribers = async () => ((await post("/", ["pubsub", "channels", `${prefix}:*`])).body as { result: unknown[] }).result.length;
    expect(await subscribers()).toBe(1);
    await unsubscribe();
    await vi.waitFor(async () => expect(await subscribers()).toBe(0), { timeout: 3_000, interval: 20 });
  });
});

describe("Upstash store when Redis cannot be reached (R2)", () => {
  let silent: Server;
  let silentUrl: string;

  beforeAll(async () => {
    // Accepts connections and never answers: a hung proxy or a black-holed network.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  const closedPort = async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return `http://127.0.0.1:${port}`;
  };

  const rejectsWithin = async (run: () => Promise<unknown>, ms: number) => {
    const started = Date.now();
    await expect(run()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(ms);
  };

  it("a subscriber resumes by itself when the endpoint comes back", async () => {
    const first = await startUpstashBridge({ redisUrl: REDIS_URL });
    const { port } = new URL(first.url);
    const store = createUpstashStore({ url: first.url, token: first.token, prefix });
    const got: string[] = [];
    const unsubscribe = await store.subscribe("resume", (m) => got.push(m));
    await first.close(); // the stream ends, as it does when Redis or the network goes away
    const second = await startUpstashBridge({ redisUrl: REDIS_URL, token: first.token, port: Number(port) });
    try {
      // Messages published while the subscriber was away are gone (E5 resumes from the outbox);
      // keep publishing until the re-established subscription hears one.
      await vi.waitFor(
        async () => {
          await store.publish("resume", "back");
          expect(got).toContain("back");
        },
        { timeout: 5_000, interval: 100 },
      );
    } finally {
      await unsubscribe();
      await second.close();
    }
  });

  it("ping rejects quickly when nothing listens on the port", async () => {
    const store = createUpstashStore({ url: await closedPort(), token: "t", prefix });
    await rejectsWithin(() => store.ping(), 3_000);
  });

  it("ping, limit and subscribe reject within the deadline when the endpoint hangs", async () => {
    const store = createUpstashStore({ url: silentUrl, token: "t", prefix });
    await Promise.all([
      rejectsWithin(() => store.ping(), 3_000),
      // Rate limiting does not silently fail open: the caller decides how to degrade.
      rejectsWithin(() => store.limit("k", { limit: 1, windowMs: 1_000 }), 3_000),
      rejectsWithin(() => store.subscribe("c", () => {}), 3_000),
    ]);
  });
});
