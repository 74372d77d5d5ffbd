import { describe, expect, it } from "vitest";
import { summarizeAll, type BenchRun } from "./summary";

const run = (name: string, result: unknown): BenchRun => ({ name, exit: 0, seconds: 1, timedOut: false, result });

describe("bench:all summary", () => {
  it("judges each budget from the benches' JSON", () => {
    const rows = summarizeAll([
      run("ingest", {
        data: {
          figures: [
            { transport: "rest", "at once": 16, "Parley msgs/s": 600, "floor msgs/s": 1000, ratio: 0.6, "Parley p99 ms": 80, "floor p99 ms": 20, "Parley errors": 0, target_met: true },
            { transport: "rest", "at once": 64, "Parley msgs/s": 400, "floor msgs/s": 1000, ratio: 0.4, "Parley p99 ms": 90, "floor p99 ms": 30, "Parley errors": 0, target_met: false },
          ],
          stored: { rest: { parley: { stored: 10, missing: 0 }, floor: { stored: 10, missing: 0 } } },
        },
      }),
      run("realtime", {
        data: {
          delivery: [
            { subscribers: 100, "Parley p50 ms": 5, "floor p50 ms": 3, "p50 ×": 1.67, "Parley p99 ms": 9, "floor p99 ms": 4, "p99 ×": 2.25, "Parley lost": 0, target_met: true },
            { subscribers: 500, "Parley p50 ms": 12, "floor p50 ms": 7, "p50 ×": 1.71, "Parley p99 ms": 40, "floor p99 ms": 20, "p99 ×": 2, "Parley lost": 0, target_met: true },
          ],
          memory: { connections: 10000, "RSS after MB": 900, "KB per connection": 60 },
        },
      }),
      run("list", {
        data: { largest_size: 100000, worst_list_p95_ms_at_largest: 31.5, max_list_statements: 4, statements_same_for_every_page: true, results: [{ statements: 6 }, { statements: 5 }] },
      }),
      run("search", { data: { generation: { total_messages: 1000000, total_contacts: 100000 }, worst_p95_ms: 41.2, results: [{}, {}] } }),
      run("assignment", {
        results: [
          { phase: "create → assigned", n: 1000, p99_ms: 30, double_assignments: 0, spread: 0 },
          { phase: "autoAssign", n: 1000, p99_ms: 19, double_assignments: 0, spread: 1 },
          { phase: "autoAssign, 1 in flight", n: 200, p99_ms: 12, double_assignments: 0, spread: 0 },
        ],
      }),
      run("bundle", {
        data: {
          rows: [
            { what: "widget.js loader", gzip_kb: 1.7, within: "yes" },
            { what: "operator", gzip_kb: 260, within: "NO" },
          ],
        },
      }),
      run("reports", { data: { conversations: 100006, worst_summary_p95_ms: 40.2, worst_series_p95_ms: 250, results: [] } }),
    ]);
    const by = Object.fromEntries(rows.map((r) => [r.budget.slice(0, 2), r]));
    expect(rows.map((r) => r.budget.slice(0, 2))).toEqual(["B1", "B2", "B3", "Se", "B4", "B5", "B6", "Re"]);
    expect(by.Se).toMatchObject({ status: "met", figure: "1,000,000 messages, 100,000 contacts: worst p95 41.2 ms over 2 queries" });
    expect(by.Re).toMatchObject({ status: "missed", figure: "100,006 conversations: worst summary p95 40.2 ms, worst series p95 250 ms" });
    expect(by.B1).toMatchObject({ status: "met" });
    expect(by.B1!.figure).toContain("100: p50 5 vs 3 ms (1.67×), p99 9 vs 4 ms (2.25×), lost 0");
    expect(by.B2!.figure).toContain("16 at once (rest): 600 vs 1000 msgs/s (0.6×)");
    expect(by.B2).toMatchObject({ status: "missed" });
    expect(by.B3).toMatchObject({ status: "met" });
    expect(by.B3!.figure).toContain("4 list statements + 2 authentication");
    expect(by.B4).toMatchObject({ status: "met" });
    expect(by.B5).toMatchObject({ status: "missed" });
    expect(by.B6).toMatchObject({ status: "met", figure: "0 double, spread 1, p99 19 ms at 1000 concurrent vs 12 ms one at a time (1.58×)" });
  });

  it("a bench without results is 'not measured', and a list below 100k cannot meet B3", () => {
    const rows = summarizeAll([
      { name: "ingest", exit: 124, seconds: 300, timedOut: true, result: undefined },
      run("list", { data: { largest_size: 10000, worst_list_p95_ms_at_largest: 10, max_list_statements: 4, statements_same_for_every_page: true, results: [{ statements: 6 }] } }),
    ]);
    expect(rows.find((r) => r.budget.startsWith("B2"))).toMatchObject({ status: "not measured", figure: "no result (exit 124, time limit)" });
    expect(rows.find((r) => r.budget.startsWith("B3"))!.status).toBe("missed");
    expect(rows.find((r) => r.budget.startsWith("B5"))).toMatchObject({ status: "not measured", figure: "not run" });
    expect(rows.find((r) => r.budget === "Search")).toMatchObject({ status: "not measured", figure: "not run" });
  });
});
