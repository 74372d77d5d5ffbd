import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { createUpstashStore } from "@/lib/redis/upstash-store";
import { startUpstashBridge, type UpstashBridge } from "./upstash-bridge";

/**
 * Coordination stores for suites that run against both implementations (SPEC §3): the in-process
 * store, and the Upstash store talking to a real redis-server through the Upstash-REST bridge, under
 * a prefix of its own that is deleted afterwards.
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export type OpenStore = { store: CoordinationStore; bridge?: UpstashBridge; prefix: string; cleanup: () => Promise<void> };
export type StoreKind = "memory" | "redis";
export const storeKinds: StoreKind[] = ["memory", "redis"];

/** `timeoutMs`: the Upstash store's per-call deadline — 5 s here (production: 1.5 s) so a loaded test machine does not trip R2 paths in suites about something else. */
export async function openStore(kind: StoreKind, opts: { timeoutMs?: number } = {}): Promise<OpenStore> {
  const prefix = `parley-test-${randomBytes(6).toString("hex")}`;
  if (kind === "memory") {
    const store = createMemoryStore({ prefix });
    return { store, prefix, cleanup: () => store.close() };
  }
  const bridge = await startUpstashBridge({ redisUrl: TEST_REDIS_URL });
  const store = createUpstashStore({ url: bridge.url, token: bridge.token, prefix, timeoutMs: opts.timeoutMs ?? 5_000 });
  return {
    store,
    bridge,
    prefix,
    async cleanup() {
      await store.close();
      await bridge.close();
      await deleteRedisPrefix(prefix);
    },
  };
}

/** Test clean-up only; product code never scans. */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
    if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
  }
  await redis.quit();
}
