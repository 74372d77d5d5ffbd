import { describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { checkHealth, healthStatusCode } from "./health";

const upDb = async () => ({ ping: async () => undefined }) as unknown as Database;
const downDb = async () => ({ ping: () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })) }) as unknown as Database;
const memory = createMemoryStore();
const downRedis: CoordinationStore = { ...createMemoryStore(), kind: "redis", ping: () => Promise.reject(new Error("fetch failed")) };

describe("checkHealth (R2, R3)", () => {
  it("is ok when both are up", async () => {
    expect(await checkHealth({ database: upDb, store: () => memory })).toEqual({ status: "ok", draining: false, database: "ok", coordination: "ok", store: "memory" });
  });

  it("is degraded when only the coordination store is down", async () => {
    expect(await checkHealth({ database: upDb, store: () => downRedis })).toEqual({ status: "degraded", draining: false, database: "ok", coordination: "down", store: "redis" });
  });

  it("is down when the database is down, even if opening it fails", async () => {
    expect((await checkHealth({ database: downDb, store: () => memory })).status).toBe("down");
    expect((await checkHealth({ database: () => Promise.reject(new Error("no")), store: () => memory })).database).toBe("down");
  });

  it("answers draining at once, without probing, while the server shuts down", async () => {
    let probed = false;
    const watched = async () => ((probed = true), upDb());
    const health = await checkHealth({ database: watched, store: () => memory, draining: () => true });
    expect(health).toEqual({ status: "draining", draining: true, store: "memory" });
    expect(healthStatusCode(health)).toBe(503);
    expect(probed).toBe(false);
  });
});
