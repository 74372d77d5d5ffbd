import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Redis from "ioredis";

/**
 * A small Upstash REST endpoint in front of a real redis-server, so the Upstash store runs its real
 * client against real Redis in tests (SPEC §3, §15). No maintained package does this fully.
 *
 * It speaks what @upstash/redis 1.39 sends (pkg/http.ts): `POST /` with one command as a JSON array,
 * `POST /pipeline` and `POST /multi-exec` with an array of commands, bearer-token auth, the
 * `Upstash-Encoding: base64` header, and `POST /subscribe/<channel>` (and `/psubscribe/<pattern>`)
 * answered as a Server-Sent Events stream. Errors are `{ "error": "…" }` with status 400.
 *
 * Stock Redis rejects the Upstash-only script flag `#!lua flags=allow-key-locking` that
 * @upstash/ratelimit ≥ 2.1 sends, so scripts are rewritten without it, and the SHA1 of the original
 * text is mapped to the rewritten script's so EVALSHA with the client's hash keeps working.
 */
export type UpstashBridge = { url: string; token: string; close(): Promise<void> };

export type UpstashBridgeOptions = {
  redisUrl?: string;
  token?: string;
  /** Default: a free port. A fixed one lets a test restart the bridge at the same address (R2). */
  port?: number;
};

type Reply = { result: unknown } | { error: string };

const UPSTASH_ONLY_FLAGS = new Set(["allow-key-locking"]);
// These would change the state of the one connection every request shares.
const REFUSED = new Set(["subscribe", "psubscribe", "unsubscribe", "punsubscribe", "monitor", "multi", "exec", "discard", "watch", "unwatch", "select", "quit", "reset", "client"]);
const OK = Buffer.from("OK");

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

export async function startUpstashBridge(opts: UpstashBridgeOptions = {}): Promise<UpstashBridge> {
  const token = opts.token ?? randomBytes(16).toString("hex");
  // No offline queue and one attempt: while Redis is down a request fails at once, as Upstash's would.
  const redis = new Redis(opts.redisUrl ?? "redis://127.0.0.1:6379", {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  redis.on("error", () => {}); // surfaced per request instead
  await redis.connect();

  const shaAliases = new Map<string, string>(); // sha1(original) → sha1(rewritten)
  const streams = new Set<{ res: ServerResponse; sub: Redis }>();

  /** Rewrites script commands for stock Redis; returns the args to send and a reply fix-up. */
  const prepare = (raw: unknown[]): { args: string[]; fix: (reply: unknown) => unknown } => {
    const args = raw.map((a) => (typeof a === "string" ? a : typeof a === "object" && a !== null ? JSON.stringify(a) : String(a)));
    const name = (args[0] ?? "").toLowerCase();
    const sub = (args[1] ?? "").toLowerCase();
    const alias = (sha: string) => shaAliases.get(sha.toLowerCase()) ?? sha;
    if ((name === "eval" || name === "eval_ro") && args[1] !== undefined) {
      args[1] = rewriteScript(args[1], shaAliases);
    } else if ((name === "evalsha" || name === "evalsha_ro") && args[1] !== undefined) {
      args[1] = alias(args[1]);
    } else if (name === "script" && sub === "load" && args[2] !== undefined) {
      const original = args[2];
      args[2] = rewriteScript(original, shaAliases);
      return { args, fix: (reply) => (reply === null ? reply : Buffer.from(sha1(original))) };
    } else if (name === "script" && sub === "exists") {
      for (let i = 2; i < args.length; i++) args[i] = alias(args[i]!);
    }
    return { args, fix: (reply) => reply };
  };

  const run = async (command: unknown, base64: boolean): Promise<Reply> => {
    if (!Array.isArray(command) || command.length === 0) return { error: "ERR command must be a non-empty array" };
    const { args, fix } = prepare(command);
    const [name, ...rest] = args as [string, ...string[]];
    if (REFUSED.has(name.toLowerCase())) return { error: `ERR ${name} is not supported over REST` };
    try {
      return { result: encode(fix(await redis.callBuffer(name, ...rest)), base64) };
    } catch (err) {
      return { error: errorMessage(err) };
    }
  };

  const transaction = async (commands: unknown[], base64: boolean): Promise<Reply[] | { error: string }> => {
    const multi = redis.multi();
    const fixes: ((reply: unknown) => unknown)[] = [];
    for (const command of commands) {
      if (!Array.isArray(command) || command.length === 0) return { error: "ERR command must be a non-empty array" };
      const { args, fix } = prepare(command);
      const [name, ...rest] = args as [string, ...string[]];
      if (REFUSED.has(name.toLowerCase())) return { error: `ERR ${name} is not supported over REST` };
      multi.callBuffer(name, ...rest);
      fixes.push(fix);
    }
    try {
      const results = (await multi.exec()) ?? [];
      return results.map(([err, reply], i) => (err ? { error: errorMessage(err) } : { result: encode(fixes[i]!(reply), base64) }));
    } catch (err) {
      return { error: errorMessage(err) }; // EXECABORT: nothing ran
    }
  };

  const stream = async (res: ServerResponse, pattern: boolean, channel: string) => {
    // One subscriber connection per stream, so closing the stream ends exactly its subscription.
    const sub = redis.duplicate({ lazyConnect: true, enableOfflineQueue: true, retryStrategy: () => null });
    sub.on("error", () => {});
    const entry = { res, sub };
    streams.add(entry);
    const cleanup = () => {
      streams.delete(entry);
      sub.disconnect();
      if (!res.writableEnded) res.end();
    };
    res.on("close", cleanup);
    sub.on("end", cleanup);
    // A message can arrive in the same read as the subscribe reply; hold it until the confirmation
    // line (and the headers) are out, so the stream always opens with the confirmation.
    let early: string[] | null = [];
    const send = (line: string) => (early ? early.push(line) : res.write(line));
    sub.on("message", (ch: string, message: string) => send(`data: message,${ch},${message}\n\n`));
    sub.on("pmessage", (p: string, ch: string, message: string) => send(`data: pmessage,${p},${ch},${message}\n\n`));
    try {
      await sub.connect();
      const count = pattern ? await sub.psubscribe(channel) : await sub.subscribe(channel);
      if (res.destroyed || res.writableEnded) return cleanup(); // the client left meanwhile
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      res.write(`data: ${pattern ? "psubscribe" : "subscribe"},${channel},${count}\n\n`);
      for (const line of early) res.write(line);
      early = null;
    } catch (err) {
      if (!res.headersSent && !res.destroyed) sendJson(res, 400, { error: errorMessage(err) });
      cleanup();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: errorMessage(err) });
      else res.end();
    });
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      req.resume();
      return sendJson(res, 401, { error: "Unauthorized" });
    }
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const path = new URL(req.url ?? "/", "http://bridge").pathname;
    const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text.trim() === "" ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }

    const [head, ...tail] = segments;
    if (head === "subscribe" || head === "psubscribe") {
      return stream(res, head === "psubscribe", tail.join("/"));
    }
    if (head === "pipeline" || head === "multi-exec") {
      if (!Array.isArray(body)) return sendJson(res, 400, { error: "ERR body must be an array of commands" });
      const replies = head === "pipeline" ? await Promise.all(body.map((c) => run(c, base64))) : await transaction(body, base64);
      return Array.isArray(replies) ? sendJson(res, 200, replies) : sendJson(res, 400, replies);
    }
    // `POST /` with the command as the body, or path style `/set/key/value` (Upstash accepts both).
    const command = head === undefined ? body : [...segments, ...(body === undefined ? [] : [text])];
    const reply = await run(command, base64);
    return sendJson(res, "error" in reply ? 400 : 200, reply);
  };

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    async close() {
      for (const { res, sub } of streams) {
        sub.disconnect();
        res.end();
      }
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Drops Upstash-only flags from a `#!lua flags=…` first line; keeps line numbers for error messages. */
function rewriteScript(script: string, aliases: Map<string, string>): string {
  const match = /^#!lua(?:[ \t]+flags=([^\n]*))?[^\n]*(\n|$)/.exec(script);
  if (!match) return script;
  const flags = (match[1] ?? "")
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  const kept = flags.filter((f) => !UPSTASH_ONLY_FLAGS.has(f));
  if (kept.length === flags.length) return script;
  const rest = script.slice(match[0].length);
  const rewritten = kept.length > 0 ? `#!lua flags=${kept.join(",")}\n${rest}` : `\n${rest}`;
  aliases.set(sha1(script), sha1(rewritten));
  return rewritten;
}

/** RESP2 reply → Upstash JSON; with base64, every string but a bare OK is base64 (as Upstash does). */
function encode(reply: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(reply)) return base64 && !reply.equals(OK) ? reply.toString("base64") : reply.toString("utf8");
  if (typeof reply === "string") return base64 && reply !== "OK" ? Buffer.from(reply).toString("base64") : reply;
  if (Array.isArray(reply)) return reply.map((r) => encode(r, base64));
  if (reply instanceof Error) return reply.message;
  return reply ?? null;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
