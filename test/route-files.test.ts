import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { routeFiles as listRouteFiles } from "./reliability/routes";

// SPEC §8: every route file starts with `// METHOD /path – what it does`. The methods named there must
// be exactly the HTTP methods the file exports (OPTIONS pre-flight handlers aside), so the comment
// stays a true index of the API.
const HTTP = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
// The same enumeration R4/R5 fuzz and classify (test/reliability), so all three see the same routes.
const routeFiles = listRouteFiles();

describe("route files (SPEC §8)", () => {
  it("exist", () => expect(routeFiles.length).toBeGreaterThan(20));

  it.each(routeFiles)("%s starts with // METHOD /path – what it does, naming the methods it exports", (file) => {
    const source = readFileSync(file, "utf8");
    const header = /^\/\/ ([A-Z|]+) (\/\S*) – \S/.exec(source.split("\n")[0]!);
    expect(header, `first line of ${file}`).not.toBeNull();
    const named = new Set(header![1]!.split("|"));
    const exported = new Set(HTTP.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b|export \\{[^}]*\\b${m}\\b`).test(source)));
    expect([...named].sort()).toEqual([...exported].sort());
  });
});
