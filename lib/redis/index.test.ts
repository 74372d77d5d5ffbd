import { afterEach, describe, expect, it, vi } from "vitest";
import { coordination, createCoordinationStore, installCoordinationStore } from "./index";
import { createMemoryStore } from "./memory-store";

/** SPEC §3 table: the coordination store a configuration selects, and the seam tests install through. */
describe("createCoordinationStore", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("uses the in-process store, and says so, when Upstash is not configured", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const store = createCoordinationStore({ REDIS_KEY_PREFIX: "parley" });
    expect(store.kind).toBe("memory");
    expect(info).toHaveBeenCalledWith("coordination: in-process store (single instance only)");
    await store.close();
  });

  it("uses Redis through the Upstash client when both variables are set", async () => {
    const store = createCoordinationStore({
      UPSTASH_REDIS_REST_URL: "http://127.0.0.1:1",
      UPSTASH_REDIS_REST_TOKEN: "token",
      REDIS_KEY_PREFIX: "parley",
    });
    expect(store.kind).toBe("redis");
    await store.close();
  });

  it("uses Redis over TCP when REDIS_URL is set, without connecting before first use", async () => {
    const store = createCoordinationStore({ REDIS_URL: "redis://127.0.0.1:1", REDIS_KEY_PREFIX: "parley" });
    expect(store.kind).toBe("redis");
    await store.close();
  });
});

describe("coordination()", () => {
  it("returns the store installed with installCoordinationStore, every time", () => {
    const store = createMemoryStore();
    installCoordinationStore(store);
    expect(coordination()).toBe(store);
    expect(coordination()).toBe(store);
  });
});
