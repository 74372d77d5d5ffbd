import { afterEach, describe, expect, it } from "vitest";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { startEmbeddedSweeper, stopEmbeddedSweeper } from "./embedded-sweeper";

describe("embedded sweeper", () => {
  afterEach(() => stopEmbeddedSweeper());

  it("starts once per process on the in-process store, so a hot reload does not start a second", () => {
    installCoordinationStore(createMemoryStore());
    expect(startEmbeddedSweeper(60_000)).toBe(true);
    expect(startEmbeddedSweeper(60_000)).toBe(false);
  });

  it("does not start when the store is Redis (several instances; a cron calls the sweep route)", () => {
    installCoordinationStore({ kind: "redis" } as CoordinationStore);
    expect(startEmbeddedSweeper(60_000)).toBe(false);
  });
});
