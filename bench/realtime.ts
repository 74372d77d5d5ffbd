// npm run bench:realtime — SPEC B1 (Client API message POST → operator SSE receipt, with N connected
// subscribers) and B4 (idle SSE connections on one instance vs its resident memory).
// Env: BENCH_SUBSCRIBERS (default "100,500,2000"), BENCH_MESSAGES (200), BENCH_IDLE (10000).
// `npm run bench:realtime -- --delivery-only` (or BENCH_IDLE=0) measures B1 alone.
import { Client } from "pg";
import { startAppServer, type AppServer } from "./support/app-server";
import { inBatches, openSse, type SseConnection } from "./support/sse-load";
import { percentile, printTable, round, writeResults } from "./support/stats";

type Context = { token: string; websiteToken: string };

async function loadContext(databaseUrl: string): Promise<Context> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const {
      rows: [user],
    } = await pg.query("select access_token from users order by id limit 1");
    const {
      rows: [widget],
    } = await pg.query("select website_token from web_widgets order by id limit 1");
    return { token: user.access_token, websiteToken: widget.website_token };
  } finally {
    await pg.end();
  }
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** A visitor's conversation through the Client API; returns its messages URL. */
async function visitorConversation(server: AppServer, ctx: Context): Promise<string> {
  const base = `${server.baseUrl}/public/api/v1/inboxes/${ctx.websiteToken}`;
  const contact = await post(`${base}/contacts`, { name: "Bench Visitor" });
  const conversation = await post(`${base}/contacts/${contact.source_id}/conversations`, {});
  return `${base}/contacts/${contact.source_id}/conversations/${conversation.id}/messages`;
}

async function openSubscribers(server: AppServer, ctx: Context, n: number, onMarker: (i: number, at: number) => void): Promise<SseConnection[]> {
  const connections: SseConnection[] = [];
  await inBatches(
    Array.from({ length: n }, (_, i) => i),
    100,
    async () => {
      connections.push(await openSse(`${server.baseUrl}/api/v1/stream`, { api_access_token: ctx.token }, onMarker));
    },
  );
  return connections;
}

async function measureDelivery(server: AppServer, ctx: Context, subscribers: number, messages: number) {
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let received = 0;
  const connections = await openSubscribers(server, ctx, subscribers, (i, at) => {
    const sent = sentAt.get(i);
    if (sent === undefined) return;
    latencies.push(at - sent);
    received++;
  });
  const url = await visitorConversation(server, ctx);
  const started = performance.now();
  for (let i = 0; i < messages; i++) {
    sentAt.set(i, performance.now());
    await post(url, { content: `bench-${i}-${subscribers}`, echo_id: `bench-${subscribers}-${i}` });
    // Pace: the next message goes once this one reached every subscriber (or 1 s passed).
    const deadline = performance.now() + 1000;
    while (received < (i + 1) * subscribers && performance.now() < deadline) await new Promise((r) => setImmediate(r));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const c of connections) c.close();
  return {
    subscribers,
    messages,
    deliveries: latencies.length,
    lost: messages * subscribers - latencies.length,
    "p50 ms": round(percentile(latencies, 50)),
    "p95 ms": round(percentile(latencies, 95)),
    "p99 ms": round(percentile(latencies, 99)),
    "max ms": round(percentile(latencies, 100)),
    "messages/s": round(messages / seconds),
  };
}

async function measureIdle(server: AppServer, ctx: Context, n: number) {
  const before = server.rssBytes();
  const connections = await openSubscribers(server, ctx, n, () => {});
  // Let the server settle (GC) before reading its memory.
  await new Promise((r) => setTimeout(r, 3000));
  const after = server.rssBytes();
  for (const c of connections) c.close();
  return { connections: n, "RSS before MB": round(before / 2 ** 20), "RSS after MB": round(after / 2 ** 20), "KB per connection": round((after - before) / 1024 / n) };
}

async function main(): Promise<void> {
  // BENCH_SUBSCRIBERS="" skips B1 (B4 alone).
  const counts = (process.env.BENCH_SUBSCRIBERS ?? "100,500,2000").split(",").filter(Boolean).map(Number);
  const messages = Number(process.env.BENCH_MESSAGES ?? 200);
  const idle = process.argv.includes("--delivery-only") ? 0 : Number(process.env.BENCH_IDLE ?? 10000);
  // The budgets measure delivery, not the abuse limits: lift M2, W6 and the stream caps (one agent
  // holds every stream here, from one address) for the bench server.
  const server = await startAppServer({
    STREAMS_PER_AGENT: "1000000",
    STREAMS_PER_ADDRESS: "1000000",
    CONVERSATION_MESSAGE_PER_MINUTE_LIMIT: "1000000",
    PUBLIC_MESSAGES_PER_IP_MINUTE: "1000000",
    PUBLIC_CONVERSATIONS_PER_IP_12H: "1000000",
    PUBLIC_CONTACT_UPDATES_PER_IP_HOUR: "1000000",
  });
  try {
    const ctx = await loadContext(server.databaseUrl);
    const delivery = [];
    for (const n of counts) {
      delivery.push(await measureDelivery(server, ctx, n, messages));
      console.log(`delivery with ${n} subscribers done`);
    }
    const memory = idle > 0 ? await measureIdle(server, ctx, idle) : null;
    console.log("\nB1 — Client API POST → operator SSE receipt (budget p50 ≤ 15 ms, p99 ≤ 60 ms at 500)");
    printTable(delivery);
    if (memory) {
      console.log("\nB4 — idle SSE connections on one instance (budget 10,000 under 1 GB RSS)");
      printTable([memory]);
    }
    writeResults("realtime", { delivery, memory });
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
