/**
 * The floor (issue 19): the least work a durable chat server must do for a visitor's message, to
 * measure Parley against in the same run on the same machine. node:http, node-postgres and Redis,
 * nothing else — no framework, no validation beyond JSON, no limits, no assignment, no replay.
 *
 * A visitor message is ONE transaction of three statements — insert the message, update the
 * conversation's activity and waiting time, insert an outbox event — then ONE Redis PUBLISH; every
 * instance (this one included) writes the published event to its SSE clients. URL shapes are the
 * Client API's and the operator stream's, so the benches' load clients drive both unchanged:
 *   POST /public/api/v1/inboxes/:token/contacts                                    → { source_id }
 *   POST /public/api/v1/inboxes/:token/contacts/:source/conversations              → { id }
 *   POST /public/api/v1/inboxes/:token/contacts/:source/conversations/:id/messages → PublicMessage-like
 *   GET  /api/v1/stream                                                            → SSE (`event: ready`, then events)
 * Env: DATABASE_URL, PORT, DATABASE_POOL_MAX (10, Parley's default), REDIS_KEY_PREFIX, and Redis as
 * Parley is given it: REDIS_URL (TCP) or UPSTASH_REDIS_REST_URL + _TOKEN (REST, publish only; the
 * subscription is TCP to TEST_REDIS_URL). Tables `floor_*` are created in the database if missing.
 * Prints `floor listening on <port>` when ready.
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import { Redis as IORedis } from "ioredis";
import { Redis as UpstashRedis } from "@upstash/redis";
import pg from "pg";

const port = Number(process.env.PORT ?? 0);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
const channel = `${process.env.REDIS_KEY_PREFIX ?? "floor"}:floor-events`;
const tcpUrl = process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const publisher: { publish(c: string, m: string): Promise<unknown> } =
  process.env.REDIS_URL || !process.env.UPSTASH_REDIS_REST_URL
    ? new IORedis(tcpUrl)
    : new UpstashRedis({ url: process.env.UPSTASH_REDIS_REST_URL, token: process.env.UPSTASH_REDIS_REST_TOKEN!, automaticDeserialization: false });
const subscriber = new IORedis(tcpUrl);
const clients = new Set<http.ServerResponse>();

const SCHEMA = `
create table if not exists floor_conversations (id serial primary key, source_id text not null, last_activity_at timestamptz, waiting_since timestamptz);
create table if not exists floor_messages (id bigserial primary key, conversation_id int not null references floor_conversations(id), content text, echo_id text, created_at timestamptz not null);
create table if not exists floor_events (id bigserial primary key, type text not null, conversation_id int not null, payload jsonb not null, created_at timestamptz not null default now());`;

function json(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

async function postMessage(conversationId: number, body: Record<string, unknown>) {
  const now = new Date();
  const client = await pool.connect();
  let message: { id: string; created_at: Date };
  let payload: Record<string, unknown>;
  try {
    await client.query("begin");
    const inserted = await client.query<{ id: string; created_at: Date }>(
      "insert into floor_messages (conversation_id, content, echo_id, created_at) values ($1, $2, $3, $4) returning id, created_at",
      [conversationId, body.content ?? null, body.echo_id ?? null, now],
    );
    message = inserted.rows[0]!;
    await client.query("update floor_conversations set last_activity_at = $2, waiting_since = coalesce(waiting_since, $2) where id = $1", [conversationId, now]);
    payload = { id: Number(message.id), content: body.content ?? null, message_type: 0, conversation_id: conversationId, created_at: Math.floor(now.getTime() / 1000), echo_id: body.echo_id ?? null };
    await client.query("insert into floor_events (type, conversation_id, payload) values ('message.created', $1, $2)", [conversationId, payload]);
    await client.query("commit");
  } catch (err) {
    await client.query("rollback").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  await publisher.publish(channel, JSON.stringify({ type: "message.created", payload }));
  return { id: Number(message.id), content: body.content ?? null, message_type: 0, content_type: "text", content_attributes: {}, created_at: payload.created_at, conversation_id: conversationId };
}

const server = http.createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? "/", "http://floor");
    const parts = url.pathname.split("/").filter(Boolean);
    if (req.method === "GET" && url.pathname === "/api/v1/stream") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      res.write("event: ready\ndata: {}\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    if (req.method === "GET" && url.pathname === "/login") return json(res, 200, { ok: true });
    // public/api/v1/inboxes/:token/contacts[/:source/conversations[/:id/messages]]
    if (req.method === "POST" && parts[0] === "public" && parts[5] === "contacts") {
      const body = await readBody(req);
      if (parts.length === 6) return json(res, 200, { source_id: randomUUID() });
      if (parts.length === 8 && parts[7] === "conversations") {
        const { rows } = await pool.query<{ id: number }>("insert into floor_conversations (source_id) values ($1) returning id", [parts[6]]);
        return json(res, 200, { id: rows[0]!.id });
      }
      if (parts.length === 10 && parts[9] === "messages") return json(res, 200, await postMessage(Number(parts[8]), body));
    }
    json(res, 404, { error: "not found" });
  })().catch((err: unknown) => {
    if (!res.headersSent) json(res, 500, { error: String(err) });
  });
});
server.keepAliveTimeout = 65_000;

async function main() {
  await pool.query(SCHEMA);
  await subscriber.subscribe(channel);
  let seq = 0;
  subscriber.on("message", (_c: string, message: string) => {
    const { type, payload } = JSON.parse(message) as { type: string; payload: unknown };
    const frame = `id: ${++seq}\nevent: ${type}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const c of clients) c.write(frame);
  });
  server.listen(port, "127.0.0.1", () => {
    const address = server.address();
    console.log(`floor listening on ${typeof address === "object" && address ? address.port : port}`);
  });
  const stop = () => {
    for (const c of clients) c.end();
    server.close();
    void Promise.allSettled([pool.end(), subscriber.quit(), "quit" in publisher ? (publisher as IORedis).quit() : undefined]).then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
