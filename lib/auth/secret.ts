import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, env, isEmbedded, type Env } from "@/lib/env";

export type SecretConfig = Pick<Env, "AUTH_SECRET" | "DATABASE_URL" | "DATA_DIR" | "NODE_ENV">;

/**
 * The key that signs and encrypts sessions (SPEC §3): AUTH_SECRET when set. Without it, embedded mode
 * and non-production development keep a generated one in `${DATA_DIR}/auth-secret`, so sessions
 * survive restarts and `DATABASE_URL=… npm run dev` needs no extra setup; a production server with
 * an external database refuses to start, because a per-instance secret would break every session
 * behind a load balancer.
 */
export function resolveAuthSecret(config: SecretConfig): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  if (config.NODE_ENV === "production" && !isEmbedded(config)) {
    throw new ConfigError("Invalid configuration:\n  AUTH_SECRET: is required in production with DATABASE_URL (generate one with `openssl rand -base64 48`)");
  }
  return readOrCreateSecretFile(join(config.DATA_DIR, "auth-secret"));
}

let cached: string | undefined;

/** The process's auth secret, resolved from the environment once. */
export function authSecret(): string {
  cached ??= resolveAuthSecret(env());
  return cached;
}

function readOrCreateSecretFile(path: string): string {
  const existing = readSecret(path);
  if (existing) return existing;
  mkdirSync(join(path, ".."), { recursive: true, mode: 0o700 });
  // Write a private temp file, then link it into place: link fails if another process (a second dev
  // worker, a parallel test) won the race, and readers never see a half-written file.
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(tmp, randomBytes(48).toString("base64url"), { mode: 0o600 });
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(tmp);
  }
  const secret = readSecret(path);
  if (!secret) throw new ConfigError(`Invalid configuration:\n  AUTH_SECRET: ${path} is empty; delete it or set AUTH_SECRET`);
  return secret;
}

function readSecret(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim() || undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}
