/**
 * npx tsx bench/support/profile-summary.ts <file.cpuprofile> [top] — a flame summary of a V8 CPU
 * profile (`BENCH_CPU_PROF=<dir>` on a bench writes one per server): self time by where the code
 * lives (Parley's own modules, Next.js, React, drizzle, node-postgres, the Upstash client, node
 * internals, idle/GC), the busy time by what the process was doing (the first activity whose frame
 * is on the sample's stack: start-up, socket writes, the SSE stream plumbing, the database client,
 * Redis, Next's pipeline …) and the functions with the most self time. For docs/benchmarks.md, where a
 * target is missed.
 */
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

function area(url: string, fn: string): string {
  if (fn === "(idle)") return "idle";
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(program)") return "V8 (program)";
  if (!url) return "native / node";
  if (url.startsWith("node:")) return "node internals";
  if (/next\/dist\/compiled\/react|react-dom|react-server/.test(url)) return "React";
  if (/next\/dist|\.next\/server\/chunks\/ssr\/node_modules_next|node_modules\/next\//.test(url)) return "Next.js";
  if (/drizzle-orm/.test(url)) return "drizzle";
  if (/node_modules\/pg|pg-protocol|pg-pool/.test(url)) return "node-postgres";
  if (/upstash/.test(url)) return "Upstash client";
  if (/ioredis/.test(url)) return "ioredis";
  if (/zod/.test(url)) return "zod";
  if (/pino/.test(url)) return "logging (pino)";
  if (/\.next\/server/.test(url)) return "Parley (built server chunks)";
  return "other";
}

/** Activities in priority order: a sample counts for the first whose test matches a frame on its stack. */
const ACTIVITIES: [string, (fn: string, url: string) => boolean][] = [
  ["start-up (module loading)", (fn) => /Module\._load|wrapSafe|loadRuntimeChunk|unstable_preloadEntries|spawnSync/.test(fn)],
  ["socket writes (cork/uncork, writev)", (fn) => /connectionCorkNT|_writeGeneric|Writable\.uncork/.test(fn)],
  ["SSE plumbing (web stream → res.write)", (fn, url) => /webstreams/.test(url) || /serveOnNode/.test(fn)],
  ["database client (pg, drizzle)", (_, url) => /node_modules\/pg|pg-protocol|pg-pool|drizzle/.test(url)],
  ["Redis (Upstash REST fetch, ioredis)", (_, url) => /upstash|ioredis|undici/.test(url)],
  ["Next request pipeline", (_, url) => /next\/dist\/server/.test(url)],
  ["incoming HTTP parsing", (fn, url) => /_http_server|_http_common/.test(url) || fn === "parserOnHeadersComplete"],
  ["GC", (fn) => fn === "(garbage collector)"],
];

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [top]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byArea = new Map<string, number>();
const byFn = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const a = area(n.callFrame.url, n.callFrame.functionName);
  byArea.set(a, (byArea.get(a) ?? 0) + us);
  const key = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*\/(node_modules|\.next)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + us);
}
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const byActivity = new Map<string, number>();
let busy = 0;
for (const [id, us] of self) {
  if (byId.get(id)!.callFrame.functionName === "(idle)") continue;
  busy += us;
  const stack: Node[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
  const activity = ACTIVITIES.find(([, test]) => stack.some((n) => test(n.callFrame.functionName, n.callFrame.url)))?.[0] ?? "other (hub, handlers, microtasks)";
  byActivity.set(activity, (byActivity.get(activity) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
console.log(`profile ${file}: ${(total / 1e6).toFixed(1)} s sampled`);
console.log("\n| where | self time |\n|---|---|");
for (const [a, us] of [...byArea].sort((x, y) => y[1] - x[1])) console.log(`| ${a} | ${pct(us)} |`);
console.log(`\n| busy time (${(busy / 1e6).toFixed(1)} s), by activity | s | share |\n|---|---|---|`);
for (const [a, us] of [...byActivity].sort((x, y) => y[1] - x[1])) console.log(`| ${a} | ${(us / 1e6).toFixed(1)} | ${((100 * us) / busy).toFixed(1)} % |`);
console.log("\n| function | self time |\n|---|---|");
for (const [f, us] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, Number(topArg ?? 15))) console.log(`| ${f.replaceAll("|", "\\|")} | ${pct(us)} |`);
