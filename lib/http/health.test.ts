import { describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { checkHealth } from "./health";

const upDb = async () => ({ ping: async () => undefined }) as unknown as Database;
const downDb = async () => ({ ping: () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })) }) as unknown as Database;
const memory = createMemoryStore();
const downRedis: CoordinationStore = { ...createMemoryStore(), kind: "redis", ping: () => Promise.reject(new Error("fetch failed")) };

describe("checkHealth (R2, R3)", () => {
  it("is ok when both are up", async () => {
    expect(await checkHealth({ database: upDb, store: () => memory })).toEqual({ status: "ok", database: "ok", coordination: "ok", store: "memory" });
  });

  it("is degraded when only the coordination store is down", async () => {
    expect(await checkHealth({ database: upDb, store: () => downRedis })).toEqual({ status: "degraded", database: "ok", coordination: "down", store: "redis" });
  });

  it("is down when the database is down, even if opening it fails", async () => {
    expect((await checkHealth({ database: downDb, store: () => memory })).status).toBe("down");
    expect((await checkHealth({ database: () => Promise.reject(new Error("no")), store: () => memory })).database).toBe("down");
  });
});
