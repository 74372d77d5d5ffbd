import { describe, expect, it } from "vitest";
import { shareAmongStreams } from "./share-among-streams";

describe("shareAmongStreams (B4)", () => {
  it("runs once per key and owner within the window, and again for another key or owner", async () => {
    const owner = {};
    let runs = 0;
    const run = async () => ++runs;
    expect(await shareAmongStreams(owner, "user:1", run)).toBe(1);
    expect(await shareAmongStreams(owner, "user:1", run)).toBe(1);
    expect(await shareAmongStreams(owner, "user:2", run)).toBe(2);
    expect(await shareAmongStreams({}, "user:1", run)).toBe(3);
    expect(await shareAmongStreams(owner, "user:1", run, 0)).toBe(4);
  });

  it("does not share a failure: the next caller runs again", async () => {
    const owner = {};
    await expect(shareAmongStreams(owner, "k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await shareAmongStreams(owner, "k", async () => "up")).toBe("up");
  });
});
