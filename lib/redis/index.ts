import { env, type Env } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { createMemoryStore } from "./memory-store";
import type { CoordinationStore } from "./port";
import { createTcpStore } from "./tcp-store";
import { createUpstashStore } from "./upstash-store";

export type { CoordinationStore, LimitResult, Unsubscribe } from "./port";

export type CoordinationConfig = Pick<Env, "UPSTASH_REDIS_REST_URL" | "UPSTASH_REDIS_REST_TOKEN" | "REDIS_KEY_PREFIX"> & Partial<Pick<Env, "REDIS_URL">>;

/**
 * The coordination store a configuration selects (SPEC §3 table): Redis over TCP with REDIS_URL,
 * Redis through Upstash's REST API when both UPSTASH variables are set, else in process.
 */
export function createCoordinationStore(config: CoordinationConfig): CoordinationStore {
  if (config.REDIS_URL) return createTcpStore({ url: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX });
  if (config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN) {
    return createUpstashStore({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
      prefix: config.REDIS_KEY_PREFIX,
    });
  }
  console.info("coordination: in-process store (single instance only)");
  return createMemoryStore({ prefix: config.REDIS_KEY_PREFIX });
}

// One store per process, kept across hot reloads in development (a second memory store would split state).
const globalForStore = globalThis as unknown as { __parleyCoordination?: CoordinationStore };

/** The process's coordination store, created on first use from the environment. */
export function coordination(): CoordinationStore {
  globalForStore.__parleyCoordination ??= countingErrors(createCoordinationStore(env()));
  return globalForStore.__parleyCoordination;
}

/** Closes the process's store if one was created (a server's shutdown). */
export async function closeCoordinationStore(): Promise<void> {
  const store = globalForStore.__parleyCoordination;
  globalForStore.__parleyCoordination = undefined;
  await store?.close();
}

/** Counts every failed call in parley_store_errors_total by operation; answers stay the store's own. */
function countingErrors(store: CoordinationStore): CoordinationStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || property === "close") return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) {
          return result.catch((err: unknown) => {
            metrics().storeErrors.inc({ operation: String(property) });
            throw err;
          });
        }
        return result;
      };
    },
  });
}

/**
 * Installs a store as the process's coordination store: scripts and tests that bring their own (a
 * memory store, or Redis through the test bridge) use this one seam instead of branching on test mode.
 */
export function installCoordinationStore(store: CoordinationStore): void {
  globalForStore.__parleyCoordination = store;
}
