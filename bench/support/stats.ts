import { mkdirSync, writeFileSync } from "node:fs";

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Count, p50/p95/p99 and max of a list of latencies in ms (one sort for all of them). */
export function summarize(values: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN);
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted.at(-1) ?? NaN) };
}

/** Rows as a Markdown table (pasteable into docs/benchmarks.md); the first row's keys are the columns. */
export function formatTable(rows: Record<string, string | number | boolean | null>[]): string {
  if (rows.length === 0) return "";
  const keys = Object.keys(rows[0]!);
  const cell = (v: unknown) => String(v ?? "").replaceAll("|", "\\|");
  return [`| ${keys.join(" | ")} |`, `|${keys.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${keys.map((k) => cell(r[k])).join(" | ")} |`)].join("\n");
}

/** Prints rows as a Markdown table (pasteable into docs/benchmarks.md). */
export function printTable(rows: Record<string, string | number | boolean | null>[]): void {
  if (rows.length === 0) return;
  console.log(formatTable(rows));
}

export function writeResults(name: string, data: unknown): void {
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(`bench/results/${name}.json`, `${JSON.stringify({ name, at: new Date().toISOString(), data }, null, 2)}\n`);
  console.log(`\nwrote bench/results/${name}.json`);
}
