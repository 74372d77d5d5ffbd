import { describe, expect, it } from "vitest";
import { startCommand } from "./cluster";

describe("bench servers start as npm start does", () => {
  it("splits the start script into checks and the server command, tools from node_modules/.bin", () => {
    expect(startCommand("tsx scripts/preflight.ts && node --import tsx scripts/serve.ts")).toEqual({
      checks: [["node_modules/.bin/tsx", "scripts/preflight.ts"]],
      server: ["node", "--import", "tsx", "scripts/serve.ts"],
    });
    expect(startCommand("next start")).toEqual({ checks: [], server: ["node_modules/.bin/next", "start"] });
    expect(startCommand("exec node scripts/start.mjs")).toEqual({ checks: [], server: ["node", "scripts/start.mjs"] });
  });

  it("follows package.json and refuses what it cannot run without a shell", () => {
    expect(startCommand().server.length).toBeGreaterThan(0);
    expect(() => startCommand("a | b")).toThrow(/plain/);
  });
});
