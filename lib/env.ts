import { z } from "zod";

/**
 * Every environment variable Parley reads, parsed once (SPEC §3). A bad value stops start-up with a
 * message that names the variable; nothing else in the code base reads process.env directly.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      if (!/^\d+$/.test(v) || Number(v) < 1) {
        ctx.addIssue({ code: "custom", message: "must be an integer ≥ 1" });
        return z.NEVER;
      }
      return Number(v);
    });

const nonNegativeInt = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      if (!/^\d+$/.test(v)) {
        ctx.addIssue({ code: "custom", message: "must be an integer ≥ 0" });
        return z.NEVER;
      }
      return Number(v);
    });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    DATABASE_DRIVER: optionalString.pipe(z.enum(["pg", "neon"]).optional()),
    /** host:port[/path] of a WebSocket-to-Postgres proxy for the Neon driver (local development and tests). */
    NEON_WS_PROXY: optionalString,
    DATABASE_POOL_MAX: positiveInt(10),
    DATA_DIR: optionalString.transform((v) => v ?? ".data"),
    UPSTASH_REDIS_REST_URL: optionalString.pipe(z.url("must be an http(s) URL").optional()),
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    /** Redis over its own protocol (ioredis): redis://[user:pass@]host:port[/db] or rediss:// (TLS). */
    REDIS_URL: optionalString.pipe(
      z
        .string()
        .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
        .optional(),
    ),
    AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    CONVERSATION_MESSAGE_PER_MINUTE_LIMIT: positiveInt(20),
    SEED_ADMIN_EMAIL: optionalString.pipe(z.email("must be an email address").optional()),
    SEED_PASSWORD: optionalString.pipe(z.string().min(8, "must be at least 8 characters").optional()),
    CRON_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    // How many right-most X-Forwarded-For entries were added by proxies we run (lib/http/client-ip.ts).
    TRUSTED_PROXY_HOPS: nonNegativeInt(0),
    // Open event streams per holder; over the cap the holder's oldest stream ends (lib/realtime/stream-caps.ts).
    STREAMS_PER_VISITOR: positiveInt(5),
    STREAMS_PER_AGENT: positiveInt(20),
    STREAMS_PER_ADDRESS: positiveInt(200),
    REDIS_KEY_PREFIX: optionalString.transform((v) => v ?? "parley"),
    // W6 abuse limits per client IP on the public endpoints (widget and Client API).
    PUBLIC_CONVERSATIONS_PER_IP_12H: positiveInt(6),
    PUBLIC_CONTACT_UPDATES_PER_IP_HOUR: positiveInt(60),
    PUBLIC_MESSAGES_PER_IP_MINUTE: positiveInt(60),
    // Uploads (lib/attachments): bytes per file, and bytes per multipart request (all files and fields).
    ATTACHMENT_MAX_BYTES: positiveInt(10 * 1024 * 1024),
    ATTACHMENT_MAX_REQUEST_BYTES: positiveInt(40 * 1024 * 1024),
    // Operations (docs/operations.md). After SIGTERM/SIGINT, how long requests in flight may finish.
    SHUTDOWN_GRACE_MS: positiveInt(10_000),
    // Before that, how long health answers 503 while the listener still accepts (load balancers that
    // only learn from health checks); 0 closes the listener at once.
    SHUTDOWN_DELAY_MS: nonNegativeInt(0),
    // A request (other than an event stream) still without response headers after this gets a 503.
    REQUEST_DEADLINE_MS: positiveInt(30_000),
    // One JSON line per log entry, or coloured lines for a terminal (default: pretty in development).
    LOG_FORMAT: optionalString.pipe(z.enum(["json", "pretty"]).optional()),
    LOG_LEVEL: optionalString.pipe(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
    // Bearer token for GET /api/metrics; absent, the endpoint answers 404.
    METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    // Webhooks (docs/webhooks.md, WH4): "true" lets outbound POSTs reach loopback/private addresses.
    WEBHOOK_ALLOW_PRIVATE: optionalString.pipe(z.enum(["true", "false"]).optional()).transform((v) => v === "true"),
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.UPSTASH_REDIS_REST_URL) !== Boolean(v.UPSTASH_REDIS_REST_TOKEN)) {
      const missing = v.UPSTASH_REDIS_REST_URL ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL";
      ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with its pair" });
    }
    if (v.REDIS_URL && v.UPSTASH_REDIS_REST_URL) {
      ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "set either REDIS_URL or UPSTASH_REDIS_REST_URL, not both" });
    }
    if (v.DATABASE_DRIVER && !v.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required when DATABASE_DRIVER is set" });
    }
  });

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Parses a set of variables; throws a ConfigError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(environment)"}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

/** The database driver a configuration selects (SPEC §3 table). */
export function databaseDriver(e: Pick<Env, "DATABASE_URL" | "DATABASE_DRIVER">): "pglite" | "pg" | "neon" {
  if (!e.DATABASE_URL) return "pglite";
  if (e.DATABASE_DRIVER) return e.DATABASE_DRIVER;
  return new URL(e.DATABASE_URL).hostname.endsWith("neon.tech") ? "neon" : "pg";
}

/** Embedded mode: no external database, so data, secrets and the coordination store live in-process. */
export function isEmbedded(e: Pick<Env, "DATABASE_URL">): boolean {
  return !e.DATABASE_URL;
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use and then kept. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The log format a configuration selects: LOG_FORMAT, else pretty in development and JSON elsewhere. */
export function logFormat(e: Pick<Env, "LOG_FORMAT" | "NODE_ENV">): "json" | "pretty" {
  return e.LOG_FORMAT ?? (e.NODE_ENV === "development" ? "pretty" : "json");
}
