import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/env";
import { resolveAuthSecret, type SecretConfig } from "./secret";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-secret-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const PG = "postgres://parley@db.internal:5432/parley";
const config = (over: Partial<SecretConfig>): SecretConfig => ({ NODE_ENV: "development", DATA_DIR: tempDir(), ...over });

describe("authSecret()", () => {
  it("uses AUTH_SECRET when it is set, in every mode, without touching the disk", () => {
    const secret = "s".repeat(40);
    for (const c of [config({ AUTH_SECRET: secret }), config({ AUTH_SECRET: secret, NODE_ENV: "production", DATABASE_URL: PG })]) {
      expect(resolveAuthSecret(c)).toBe(secret);
      expect(() => statSync(join(c.DATA_DIR, "auth-secret"))).toThrow();
    }
  });

  it("embedded mode creates a private 48-byte secret in DATA_DIR once and then keeps using it", () => {
    const dir = join(tempDir(), "nested", ".data");
    const c = config({ DATA_DIR: dir, NODE_ENV: "production" });
    const first = resolveAuthSecret(c);
    expect(Buffer.from(first, "base64url")).toHaveLength(48);
    const file = join(dir, "auth-secret");
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveAuthSecret(c)).toBe(first);
  });

  it("reads an existing secret file", () => {
    const c = config({});
    writeFileSync(join(c.DATA_DIR, "auth-secret"), "kept-from-last-time-0123456789abcdef\n");
    expect(resolveAuthSecret(c)).toBe("kept-from-last-time-0123456789abcdef");
  });

  it("development with an external database also uses the file, so `DATABASE_URL=… npm run dev` works", () => {
    const c = config({ DATABASE_URL: PG });
    const secret = resolveAuthSecret(c);
    expect(readFileSync(join(c.DATA_DIR, "auth-secret"), "utf8")).toBe(secret);
  });

  it("production with an external database refuses to run without AUTH_SECRET, naming it", () => {
    const c = config({ NODE_ENV: "production", DATABASE_URL: PG });
    expect(() => resolveAuthSecret(c)).toThrow(ConfigError);
    expect(() => resolveAuthSecret(c)).toThrow(/AUTH_SECRET/);
    expect(() => statSync(join(c.DATA_DIR, "auth-secret"))).toThrow();
  });
});
