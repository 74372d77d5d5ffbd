import { env, type Env } from "@/lib/env";
import { createMemoryStore } from "./memory-store";
import type { CoordinationStore } from "./port";
import { createUpstashStore } from "./upstash-store";

export type { CoordinationStore, LimitResult, Unsubscribe } from "./port";

export type CoordinationConfig = Pick<Env, "UPSTASH_REDIS_REST_URL" | "UPSTASH_REDIS_REST_TOKEN" | "REDIS_KEY_PREFIX">;

/** The coordination store a configuration selects (SPEC §3 table): Upstash when both variables are set. */
export function createCoordinationStore(config: CoordinationConfig): CoordinationStore {
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
  globalForStore.__parleyCoordination ??= createCoordinationStore(env());
  return globalForStore.__parleyCoordination;
}

/**
 * Installs a store as the process's coordination store: scripts and tests that bring their own (a
 * memory store, or Redis through the test bridge) use this one seam instead of branching on test mode.
 */
export function installCoordinationStore(store: CoordinationStore): void {
  globalForStore.__parleyCoordination = store;
}
