import { describe, expect, it } from "vitest";
import { formatTable, percentile, summarize } from "./stats";

describe("bench stats", () => {
  it("percentiles are nearest-rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarize gives count, p50/p95/p99 and max in one pass", () => {
    expect(summarize([3, 1, 2, 10])).toEqual({ n: 4, p50: 2, p95: 10, p99: 10, max: 10 });
    expect(summarize([]).n).toBe(0);
  });

  it("formats rows as a Markdown table, escaping pipes", () => {
    expect(
      formatTable([
        { a: 1, b: "x|y" },
        { a: 2, b: null },
      ]),
    ).toBe("| a | b |\n|---|---|\n| 1 | x\\|y |\n| 2 |  |");
    expect(formatTable([])).toBe("");
  });
});
