/**
 * bench:all's summary: one row per SPEC §13 budget, read from the JSON each bench wrote. Pure, so
 * the judgement (met / missed / not measured) is unit-tested rather than eyeballed.
 */
export type BenchRun = { name: string; exit: number | string; seconds: number; timedOut: boolean; result: unknown };
export type SummaryRow = { budget: string; target: string; figure: string; status: "met" | "missed" | "not measured"; command: string };

type Json = Record<string, unknown>;
const data = (run: BenchRun | undefined): Json | undefined => {
  const r = run?.result as Json | undefined;
  if (!r) return undefined;
  return (r.data as Json | undefined) ?? r;
};
const status = (ok: boolean): SummaryRow["status"] => (ok ? "met" : "missed");
const num = (v: unknown): number => (typeof v === "number" ? v : NaN);

export function summarizeAll(runs: BenchRun[]): SummaryRow[] {
  const by = new Map(runs.map((r) => [r.name, r]));
  const rows: SummaryRow[] = [];
  const notMeasured = (budget: string, target: string, command: string, run: BenchRun | undefined) =>
    rows.push({ budget, target, figure: run ? `no result (exit ${run.exit}${run.timedOut ? ", time limit" : ""})` : "not run", status: "not measured", command });

  // B1 — delivery as a multiple of the floor's, same run (issue 19): p50 ≤ 2×, p99 ≤ 3×, nothing lost.
  const realtime = data(by.get("realtime"));
  const delivery = (realtime?.delivery as Json[] | undefined) ?? [];
  const B1_TARGET = "p50 ≤ 2×, p99 ≤ 3× the floor's (100 and 500 subscribers), 0 lost";
  if (delivery.length) {
    rows.push({
      budget: "B1 delivery",
      target: B1_TARGET,
      figure: delivery
        .map(
          (d) =>
            `${d.subscribers}${d.transport ? ` (${String(d.transport)})` : ""}: p50 ${d["Parley p50 ms"]} vs ${d["floor p50 ms"]} ms (${d["p50 ×"]}×), p99 ${d["Parley p99 ms"]} vs ${d["floor p99 ms"]} ms (${d["p99 ×"]}×), lost ${d["Parley lost"]}`,
        )
        .join("; "),
      status: status(delivery.every((d) => d.target_met === true)),
      command: "npm run bench:realtime",
    });
  } else notMeasured("B1 delivery", B1_TARGET, "npm run bench:realtime", by.get("realtime"));

  // B2 — ingest as a ratio to the floor's messages/s, same run: ≥ 0.5×, no errors, every message stored with its event.
  const ingest = data(by.get("ingest"));
  const figures = (ingest?.figures as Json[] | undefined) ?? [];
  const B2_TARGET = "≥ 0.5× the floor's msgs/s (16 and 64 at once), 0 errors, all stored with events";
  if (figures.length) {
    const stored = Object.values((ingest?.stored as Record<string, { parley: Json; floor: Json }> | undefined) ?? {});
    const missing = stored.reduce((a, s) => a + num(s.parley.missing), 0);
    rows.push({
      budget: "B2 ingest",
      target: B2_TARGET,
      figure: `${figures
        .map(
          (f) =>
            `${f["at once"]} at once${f.transport ? ` (${String(f.transport)})` : ""}: ${f["Parley msgs/s"]} vs ${f["floor msgs/s"]} msgs/s (${f.ratio}×), p99 ${f["Parley p99 ms"]} vs ${f["floor p99 ms"]} ms, ${f["Parley errors"]} errors`,
        )
        .join("; ")}; ${missing} missing events`,
      status: status(figures.every((f) => f.target_met === true) && missing === 0),
      command: "npm run bench:ingest",
    });
  } else notMeasured("B2 ingest", B2_TARGET, "npm run bench:ingest", by.get("ingest"));

  // B3 — list at the largest size measured (the budget is at 100k).
  const list = data(by.get("list"));
  if (list?.results) {
    const largest = num(list.largest_size);
    const p95 = num(list.worst_list_p95_ms_at_largest);
    const statements = num(list.max_list_statements);
    const results = list.results as Json[];
    const total = Math.max(...results.map((r) => num(r.statements)));
    rows.push({
      budget: "B3 list",
      target: "100k conversations: p95 ≤ 50 ms, ≤ 4 statements",
      figure: `${largest.toLocaleString("en")} conversations: worst p95 ${p95} ms; ${statements} list statements + ${total - statements} authentication; same for every page: ${list.statements_same_for_every_page ? "yes" : "no"}${list.try_sql ? ` — WITH BENCH_LIST_TRY_SQL: ${String(list.try_sql)}` : ""}`,
      status: status(!list.try_sql && largest >= 100_000 && p95 <= 50 && statements <= 4 && list.statements_same_for_every_page === true),
      command: "npm run bench:list",
    });
  } else notMeasured("B3 list", "100k conversations: p95 ≤ 50 ms, ≤ 4 statements", "npm run bench:list", by.get("list"));

  // Search (issue 16's budget, beside B3): one- and two-word queries at 1M messages / 100k contacts.
  const search = data(by.get("search"));
  const searchGen = search?.generation as Json | undefined;
  if (search?.results && searchGen) {
    const messages = num(searchGen.total_messages);
    const contacts = num(searchGen.total_contacts);
    const p95 = num(search.worst_p95_ms);
    rows.push({
      budget: "Search",
      target: "1M messages / 100k contacts: p95 ≤ 50 ms (1 and 2 words)",
      figure: `${messages.toLocaleString("en")} messages, ${contacts.toLocaleString("en")} contacts: worst p95 ${p95} ms over ${(search.results as Json[]).length} queries`,
      status: status(messages >= 1_000_000 && contacts >= 100_000 && p95 <= 50),
      command: "npm run bench:search",
    });
  } else notMeasured("Search", "1M messages / 100k contacts: p95 ≤ 50 ms (1 and 2 words)", "npm run bench:search", by.get("search"));

  // B4 — idle streams on one instance.
  const memory = realtime?.memory as Json | null | undefined;
  if (memory) {
    const after = num(memory["RSS after MB"]);
    rows.push({
      budget: "B4 idle streams",
      target: "10,000 SSE connections < 1 GB RSS",
      figure: `${memory.connections} connections: ${after} MB RSS (${memory["KB per connection"]} KB each)`,
      status: status(num(memory.connections) >= 10_000 && after < 1024),
      command: "npm run bench:realtime",
    });
  } else notMeasured("B4 idle streams", "10,000 SSE connections < 1 GB RSS", "npm run bench:realtime", by.get("realtime"));

  // B5 — bundle sizes.
  const bundle = (data(by.get("bundle"))?.rows as Json[] | undefined) ?? [];
  if (bundle.length) {
    rows.push({
      budget: "B5 weight",
      target: "widget.js ≤ 3 KB, iframe ≤ 80 KB, operator app ≤ 250 KB (gzip)",
      figure: bundle.map((b) => `${b.what} ${b.gzip_kb} KB`).join("; "),
      status: status(bundle.every((b) => b.within === "yes")),
      command: "npm run bench:bundle",
    });
  } else notMeasured("B5 weight", "widget.js ≤ 3 KB, iframe ≤ 80 KB, operator app ≤ 250 KB (gzip)", "npm run bench:bundle", by.get("bundle"));

  // B6 — assignment: correctness over every phase; the concurrent autoAssign p99 within 4× the one-at-a-time p99 (issue 19).
  const assignment = (data(by.get("assignment"))?.results as Json[] | undefined) ?? [];
  const B6_TARGET = "1,000 at 50 in flight: 0 double, spread ≤ 1, p99 ≤ 4× one-at-a-time p99";
  if (assignment.length) {
    const concurrent = assignment.find((p) => String(p.phase).endsWith("autoAssign")) ?? assignment[0]!;
    const solo = assignment.find((p) => String(p.phase).includes("1 in flight"));
    const doubles = assignment.reduce((s, p) => s + num(p.double_assignments), 0);
    const spread = Math.max(...assignment.map((p) => num(p.spread)));
    const p99 = num(concurrent.p99_ms);
    const ratio = solo ? p99 / num(solo.p99_ms) : NaN;
    rows.push({
      budget: "B6 assignment",
      target: B6_TARGET,
      figure: `${doubles} double, spread ${spread}, p99 ${p99} ms at ${concurrent.n} concurrent${solo ? ` vs ${solo.p99_ms} ms one at a time (${Math.round(ratio * 100) / 100}×)` : ""}`,
      status: status(doubles === 0 && spread <= 1 && ratio <= 4),
      command: "npm run bench:assignment",
    });
  } else notMeasured("B6 assignment", B6_TARGET, "npm run bench:assignment", by.get("assignment"));

  // Reports — a 30-day summary and a 365-day daily series at 100k conversations / 1M messages.
  const reports = data(by.get("reports"));
  const reportsTarget = "100k conversations / 1M messages: 30-day summary p95 ≤ 100 ms, 365-day daily series p95 ≤ 200 ms";
  if (reports?.results) {
    const summaryP95 = num(reports.worst_summary_p95_ms);
    const seriesP95 = num(reports.worst_series_p95_ms);
    rows.push({
      budget: "Reports speed",
      target: reportsTarget,
      figure: `${num(reports.conversations).toLocaleString("en")} conversations: worst summary p95 ${summaryP95} ms, worst series p95 ${seriesP95} ms`,
      status: status(num(reports.conversations) >= 100_000 && summaryP95 <= 100 && seriesP95 <= 200),
      command: "npm run bench:reports",
    });
  } else notMeasured("Reports speed", reportsTarget, "npm run bench:reports", by.get("reports"));

  return rows;
}
