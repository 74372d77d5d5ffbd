import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The start-up path of `npm run dev` / `npm start`, run as a real process (SPEC §1, §3).
const dataDir = mkdtempSync(join(tmpdir(), "parley-preflight-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function preflight(extra: Record<string, string>) {
  return runScriptProcess("scripts/preflight.ts", extra);
}

function runScriptProcess(script: string, extra: Record<string, string>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_|UPSTASH_|SEED_|AUTH_SECRET|DATA_DIR|NEON_|CONVERSATION_)/.test(k)));
  const result = spawnSync(process.execPath, ["--import", "tsx", script], {
    env: { ...base, NODE_ENV: "development", ...extra },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe("start-up preflight", () => {
  // Each case starts a real Node process (tsx, argon2, PGlite): seconds, not milliseconds.
  const PROCESS_TIMEOUT = { timeout: 180_000 };

  it("stops with a message naming the variable when configuration is bad", PROCESS_TIMEOUT, () => {
    const { code, out } = preflight({ DATA_DIR: dataDir, CONVERSATION_MESSAGE_PER_MINUTE_LIMIT: "lots" });
    expect(code).toBe(1);
    expect(out).toMatch(/CONVERSATION_MESSAGE_PER_MINUTE_LIMIT: must be an integer/);
    expect(out).not.toMatch(/\n\s+at /); // a plain message, not a stack trace
  });

  it("refuses a production start against an external database without AUTH_SECRET", PROCESS_TIMEOUT, () => {
    const { code, out } = preflight({ NODE_ENV: "production", DATABASE_URL: "postgres://127.0.0.1:1/none", DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(out).toMatch(/AUTH_SECRET/);
  });

  it("on a bare machine migrates the embedded database, seeds once and prints the login once", PROCESS_TIMEOUT, () => {
    const first = preflight({ DATA_DIR: dataDir, SEED_ADMIN_EMAIL: "owner@example.com" });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Administrator: owner@example\.com/);
    const password = /Password:\s+(\S+)\s+\(generated/.exec(first.out)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(16);
    expect(statSync(join(dataDir, "auth-secret")).mode & 0o777).toBe(0o600);

    const second = preflight({ DATA_DIR: dataDir, SEED_ADMIN_EMAIL: "owner@example.com" });
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/already seeded/);
    expect(second.out).not.toContain(password!);
  });

  it("npm run db:seed works on a fresh clone in embedded mode, where no data folder exists yet", PROCESS_TIMEOUT, () => {
    const fresh = join(dataDir, "not", "yet", "there");
    const first = runScriptProcess("scripts/db-seed.ts", { DATA_DIR: fresh, SEED_PASSWORD: "fresh-clone-password" });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Administrator: admin@example\.com/);
    const again = runScriptProcess("scripts/db-seed.ts", { DATA_DIR: fresh, SEED_PASSWORD: "fresh-clone-password" });
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already seeded/);
  });
});
