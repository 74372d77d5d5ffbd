// npm run bench:realtime — SPEC B1 as a ratio to the floor (issue 19) and B4.
// B1: a Client API message POST → its receipt on N operator SSE streams, Parley and the floor
// (bench/floor) interleaved in the same run — Parley, floor, floor, Parley, … BENCH_ROUNDS (3) rounds
// each of BENCH_MESSAGES (60) messages — at BENCH_SUBSCRIBERS (default "100,500"); figures are the
// median over rounds, ratios Parley ÷ floor. Redis as BENCH_STORE says (rest — the Upstash-REST
// bridge, the default — tcp, or "rest,tcp").
// B4: BENCH_IDLE (10000) idle SSE connections on one Parley instance vs its resident memory
// (`--delivery-only` or BENCH_IDLE=0 skips it).
import os from "node:os";
import { readFileSync } from "node:fs";
import { Client } from "pg";
import { runBench } from "./support/cleanup";
import { assertBuild, benchDatabase, LIFTED_LIMITS, machine, startBridge, startFloor, startInstances, TRANSPORTS, transportEnv, type BenchDatabase, type Instances } from "./support/cluster";
import { receiptCounter } from "./support/receipts";
import { inBatches, openSse, type SseConnection, type SseFrame } from "./support/sse-load";
import { percentile, printTable, round, writeResults } from "./support/stats";

const COUNTS = (process.env.BENCH_SUBSCRIBERS ?? "100,500").split(",").filter(Boolean).map(Number);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IDLE = process.argv.includes("--delivery-only") ? 0 : Number(process.env.BENCH_IDLE ?? 10000);
const TARGET = { p50: 2, p99: 3 };
const STREAM_LIMITS = { ...LIFTED_LIMITS, STREAMS_PER_AGENT: "1000000", STREAMS_PER_ADDRESS: "1000000" };

type Context = { token: string; websiteToken: string };
type Kind = "parley" | "floor";

async function loadContext(database: BenchDatabase): Promise<Context> {
  const pg = new Client({ connectionString: database.url });
  await pg.connect();
  try {
    const user = await pg.query<{ access_token: string }>("select access_token from users where email = $1", [database.adminEmail]);
    const widget = await pg.query<{ website_token: string }>("select website_token from web_widgets order by id limit 1");
    return { token: user.rows[0]!.access_token, websiteToken: widget.rows[0]!.website_token };
  } finally {
    await pg.end();
  }
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** A visitor's conversation through the Client API (or the floor's copy of it); returns its messages URL. */
async function visitorConversation(baseUrl: string, ctx: Context): Promise<string> {
  const base = `${baseUrl}/public/api/v1/inboxes/${ctx.websiteToken}`;
  const contact = await post(`${base}/contacts`, { name: "Bench Visitor" });
  const conversation = await post(`${base}/contacts/${String(contact.source_id)}/conversations`, {});
  return `${base}/contacts/${String(contact.source_id)}/conversations/${String(conversation.id)}/messages`;
}

async function openSubscribers(baseUrl: string, ctx: Context, n: number, onFrame: (subscriber: number, frame: SseFrame, at: number) => void): Promise<SseConnection[]> {
  const connections: SseConnection[] = [];
  await inBatches(
    Array.from({ length: n }, (_, i) => i),
    100,
    async (i) => {
      connections.push(await openSse(`${baseUrl}/api/v1/stream`, { api_access_token: ctx.token }, (frame, at) => onFrame(i, frame, at)));
    },
  );
  return connections;
}

let markerBase = 0;
async function measureDelivery(kind: Kind, baseUrl: string, ctx: Context, subscribers: number, r: number) {
  const sentAt = new Map<number, number>();
  const receipts = receiptCounter(subscribers, sentAt);
  // How long each POST took to answer: the part of the latency before delivery can start.
  const answered: number[] = [];
  // When each message first reached any stream, against when its POST answered: a message that waits
  // ≥ 500 ms after its answer was not delivered by its own kick (the 1 s poll or a later kick did).
  const firstAt = new Map<number, number>();
  const answeredAt = new Map<number, number>();
  const connections = await openSubscribers(baseUrl, ctx, subscribers, (s, frame, at) => {
    receipts.onFrame(s, frame, at);
    if (frame.event !== "message.created") return;
    const m = /"content":"bench-(\d+)-/.exec(frame.data);
    if (m && !firstAt.has(Number(m[1]))) firstAt.set(Number(m[1]), at);
  });
  const url = await visitorConversation(baseUrl, ctx);
  const first = markerBase;
  markerBase += MESSAGES;
  for (let k = 0; k < MESSAGES; k++) {
    const i = first + k;
    const sent = performance.now();
    sentAt.set(i, sent);
    await post(url, { content: `bench-${i}-${kind}-${subscribers}`, echo_id: `bench-${kind}-${i}` });
    answered.push(performance.now() - sent);
    answeredAt.set(i, performance.now());
    // Pace: the next message goes once this one reached every subscriber (or 1 s passed).
    const deadline = performance.now() + 1000;
    while (receipts.received < (k + 1) * subscribers && performance.now() < deadline) await new Promise((res) => setImmediate(res));
  }
  // Late arrivals still count; then whatever has not arrived is lost.
  const deadline = performance.now() + 2000;
  while (receipts.received < MESSAGES * subscribers && performance.now() < deadline) await new Promise((res) => setTimeout(res, 10));
  for (const c of connections) c.close();
  const { latencies } = receipts;
  return {
    kind,
    round: r + 1,
    subscribers,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    postP50: percentile(answered, 50),
    postP99: percentile(answered, 99),
    slowest: round(Math.max(...latencies)),
    afterKick: [...answeredAt].filter(([i, at]) => (firstAt.get(i) ?? Infinity) - at >= 500).length,
    lost: MESSAGES * subscribers - latencies.length,
    duplicates: receipts.duplicates,
    outOfOrder: receipts.outOfOrder,
    quotedBy: receipts.quotedBy,
    load1: round(os.loadavg()[0]!, 2),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function rss(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
}

async function measureIdle(servers: Instances, ctx: Context, n: number) {
  const pid = servers.pids[0]!;
  const before = rss(pid);
  const connections = await openSubscribers(servers.baseUrls[0]!, ctx, n, () => {});
  await new Promise((res) => setTimeout(res, 3000));
  const after = rss(pid);
  for (const c of connections) c.close();
  return { connections: n, "RSS before MB": round(before / 2 ** 20), "RSS after MB": round(after / 2 ** 20), "KB per connection": round((after - before) / 1024 / n) };
}

async function main(): Promise<void> {
  assertBuild();
  const database = await benchDatabase("parley_bench_realtime");
  const bridge = await startBridge();
  const ctx = await loadContext(database);
  const loadBefore = os.loadavg();
  const delivery: Record<string, unknown>[] = [];
  const rounds: Record<string, unknown>[] = [];
  let memory: Record<string, unknown> | null = null;
  for (const [t, transport] of TRANSPORTS.entries()) {
    const parley = await startInstances({ database, bridge, count: 1, label: `realtime-${transport}`, env: { ...STREAM_LIMITS, ...transportEnv(transport) } });
    const floor = await startFloor({ database, bridge, count: 1, transport, label: `realtime-${transport}` });
    // Warm both (first compilation of the routes, pools, the hub's subscription).
    await measureDelivery("parley", parley.baseUrls[0]!, ctx, 5, -1);
    await measureDelivery("floor", floor.baseUrls[0]!, ctx, 5, -1);
    for (const n of COUNTS) {
      const done: Awaited<ReturnType<typeof measureDelivery>>[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const order: Kind[] = r % 2 === 0 ? ["parley", "floor"] : ["floor", "parley"];
        for (const kind of order) {
          const res = await measureDelivery(kind, (kind === "parley" ? parley : floor).baseUrls[0]!, ctx, n, r);
          done.push(res);
          const quoted = Object.entries(res.quotedBy).map(([type, c]) => `${type} ${c}`);
          console.log(
            `[realtime] ${transport} ${n} subscribers, round ${r + 1} ${kind}: p50 ${round(res.p50)} ms, p99 ${round(res.p99)} ms (max ${res.slowest}; POST answered p50 ${round(res.postP50)} / p99 ${round(res.postP99)} ms; ${res.afterKick} first seen ≥ 500 ms after the answer), lost ${res.lost}, duplicates ${res.duplicates}, out of order ${res.outOfOrder}${quoted.length ? ` (also quoted by ${quoted.join(", ")})` : ""}, load ${res.load1}`,
          );
        }
      }
      rounds.push(...done.map((d) => ({ transport, ...d })));
      const m = (kind: Kind, key: "p50" | "p99") => median(done.filter((d) => d.kind === kind).map((d) => d[key]));
      const total = (kind: Kind, key: "lost" | "duplicates" | "outOfOrder") => done.filter((d) => d.kind === kind).reduce((a, d) => a + d[key], 0);
      const p50x = m("parley", "p50") / m("floor", "p50");
      const p99x = m("parley", "p99") / m("floor", "p99");
      delivery.push({
        transport,
        subscribers: n,
        "Parley p50 ms": round(m("parley", "p50")),
        "floor p50 ms": round(m("floor", "p50")),
        "p50 ×": round(p50x, 2),
        "Parley p99 ms": round(m("parley", "p99")),
        "floor p99 ms": round(m("floor", "p99")),
        "p99 ×": round(p99x, 2),
        "Parley lost": total("parley", "lost"),
        "Parley duplicates": total("parley", "duplicates"),
        "Parley out of order": total("parley", "outOfOrder"),
        "floor lost": total("floor", "lost"),
        "floor duplicates": total("floor", "duplicates"),
        target_met: p50x <= TARGET.p50 && p99x <= TARGET.p99 && total("parley", "lost") === 0 && total("parley", "duplicates") === 0 && total("parley", "outOfOrder") === 0,
      });
    }
    await floor.stop();
    if (t === 0 && IDLE > 0) memory = await measureIdle(parley, ctx, IDLE);
    await parley.stop();
  }
  const host = await machine();
  console.log(
    `\nB1 — POST → operator stream as a multiple of the floor (target p50 ≤ ${TARGET.p50}×, p99 ≤ ${TARGET.p99}×, 0 lost, 0 duplicates, in order); median of ${ROUNDS} interleaved rounds of ${MESSAGES} messages; load average before ${loadBefore.map((n) => round(n, 2)).join(" ")}, after ${host.load_average.join(" ")}`,
  );
  printTable(delivery as Record<string, string | number | boolean>[]);
  if (memory) {
    console.log("\nB4 — idle SSE connections on one instance (budget 10,000 under 1 GB RSS)");
    printTable([memory as Record<string, number>]);
  }
  writeResults("realtime", {
    target: TARGET,
    rounds_per_server: ROUNDS,
    messages_per_round: MESSAGES,
    machine: { ...host, load_average_before: loadBefore.map((n) => round(n, 2)) },
    delivery,
    memory,
    rounds,
  });
}

runBench("bench:realtime", main, 10 * 60_000);
