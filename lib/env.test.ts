import { describe, expect, it } from "vitest";
import { ConfigError, databaseDriver, isEmbedded, logFormat, parseEnv } from "./env";

function errorOf(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration (SPEC §3)", () => {
  it("defaults to the embedded backends with a message limit of 20", () => {
    const e = parseEnv({});
    expect(isEmbedded(e)).toBe(true);
    expect(databaseDriver(e)).toBe("pglite");
    expect(e.CONVERSATION_MESSAGE_PER_MINUTE_LIMIT).toBe(20);
    expect(e.DATA_DIR).toBe(".data");
    expect(e.UPSTASH_REDIS_REST_URL).toBeUndefined();
  });

  it("treats empty values as absent, as .env.example leaves them", () => {
    const e = parseEnv({ DATABASE_URL: "", UPSTASH_REDIS_REST_URL: "", UPSTASH_REDIS_REST_TOKEN: "", SEED_PASSWORD: "" });
    expect(isEmbedded(e)).toBe(true);
  });

  it("chooses node-postgres for postgres:// and Neon for neon.tech hosts or DATABASE_DRIVER=neon", () => {
    expect(databaseDriver(parseEnv({ DATABASE_URL: "postgres://u@db.internal:5432/parley" }))).toBe("pg");
    expect(databaseDriver(parseEnv({ DATABASE_URL: "postgresql://u:p@ep-cool-1.eu-central-1.aws.neon.tech/db" }))).toBe("neon");
    expect(databaseDriver(parseEnv({ DATABASE_URL: "postgres://u@127.0.0.1/db", DATABASE_DRIVER: "neon" }))).toBe("neon");
  });

  it("names the variable when a value is bad", () => {
    expect(errorOf({ DATABASE_URL: "mysql://x" })).toMatch(/DATABASE_URL: must be a postgres/);
    expect(errorOf({ CONVERSATION_MESSAGE_PER_MINUTE_LIMIT: "0" })).toMatch(/CONVERSATION_MESSAGE_PER_MINUTE_LIMIT: must be an integer ≥ 1/);
    expect(errorOf({ CONVERSATION_MESSAGE_PER_MINUTE_LIMIT: "ten" })).toMatch(/CONVERSATION_MESSAGE_PER_MINUTE_LIMIT/);
    expect(errorOf({ UPSTASH_REDIS_REST_URL: "not a url", UPSTASH_REDIS_REST_TOKEN: "t" })).toMatch(/UPSTASH_REDIS_REST_URL/);
    expect(errorOf({ AUTH_SECRET: "short" })).toMatch(/AUTH_SECRET: must be at least 32 characters/);
    expect(errorOf({ SEED_ADMIN_EMAIL: "nobody" })).toMatch(/SEED_ADMIN_EMAIL/);
    expect(errorOf({ DATABASE_DRIVER: "mysql", DATABASE_URL: "postgres://127.0.0.1/x" })).toMatch(/DATABASE_DRIVER/);
  });

  it("requires the Upstash URL and token together", () => {
    expect(errorOf({ UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io" })).toMatch(/UPSTASH_REDIS_REST_TOKEN: must be set together/);
    expect(errorOf({ UPSTASH_REDIS_REST_TOKEN: "secret" })).toMatch(/UPSTASH_REDIS_REST_URL: must be set together/);
  });

  it("takes Redis over TCP, but not beside the Upstash REST pair", () => {
    expect(parseEnv({ REDIS_URL: "rediss://default:pw@eu1.upstash.io:6379" }).REDIS_URL).toBe("rediss://default:pw@eu1.upstash.io:6379");
    expect(errorOf({ REDIS_URL: "http://127.0.0.1:6379" })).toMatch(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(errorOf({ REDIS_URL: "redis://127.0.0.1:6379", UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" })).toMatch(
      /REDIS_URL: set either REDIS_URL or UPSTASH_REDIS_REST_URL, not both/,
    );
  });

  it("reads the operations settings, with defaults", () => {
    const e = parseEnv({});
    expect([e.SHUTDOWN_GRACE_MS, e.SHUTDOWN_DELAY_MS, e.REQUEST_DEADLINE_MS, e.METRICS_TOKEN]).toEqual([10_000, 0, 30_000, undefined]);
    expect(parseEnv({ SHUTDOWN_DELAY_MS: "0" }).SHUTDOWN_DELAY_MS).toBe(0);
    expect(errorOf({ SHUTDOWN_DELAY_MS: "-1" })).toMatch(/SHUTDOWN_DELAY_MS: must be an integer ≥ 0/);
    expect(logFormat(e)).toBe("pretty");
    expect(logFormat(parseEnv({ NODE_ENV: "production" }))).toBe("json");
    expect(logFormat(parseEnv({ NODE_ENV: "development", LOG_FORMAT: "json" }))).toBe("json");
    expect(errorOf({ LOG_FORMAT: "xml" })).toMatch(/LOG_FORMAT/);
    expect(errorOf({ METRICS_TOKEN: "short" })).toMatch(/METRICS_TOKEN: must be at least 16 characters/);
    expect(errorOf({ SHUTDOWN_GRACE_MS: "0" })).toMatch(/SHUTDOWN_GRACE_MS: must be an integer ≥ 1/);
  });

  it("reports every bad variable at once", () => {
    const message = errorOf({ DATABASE_URL: "nope", AUTH_SECRET: "x" });
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/AUTH_SECRET/);
  });
});
