// npm run bench:bundle — SPEC B5: gzip sizes of the embed loader (public/widget.js ≤ 3 KB), the widget
// iframe's first-load JS (≤ 80 KB) and the operator app's first-load JS (≤ 250 KB), from a production
// build (`npm run build` first). Gzip level 9, as a CDN or `next start` with compression would serve.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { printTable, writeResults } from "./support/stats";

/** The build to measure: `.next`, or PARLEY_DIST_DIR when a bench built elsewhere. */
const DIST = process.env.PARLEY_DIST_DIR || ".next";

const KB = 1024;
const OPERATOR_PAGE = "(app)/app/accounts/[accountId]/conversations/page";

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
const sum = (paths: string[]) => paths.reduce((n, p) => n + gz(p), 0);

/** The script tags the /widget document loads (it is rendered per request, so read its source of truth). */
function widgetFirstLoad(): string[] {
  const source = readFileSync("lib/widget/widget-page.ts", "utf8");
  const js = /WIDGET_APP_JS = "([^"]+)"/.exec(source)?.[1];
  if (!js) throw new Error("WIDGET_APP_JS not found in lib/widget/widget-page.ts");
  return [join("public", js)];
}

/**
 * A route's first-load JS in Next 16's build output: the root main files every page loads
 * (build-manifest.json `rootMainFiles`; polyfills are nomodule and skipped by modern browsers) plus the
 * entry chunks of the route's layouts and page (`entryJSFiles` in its client reference manifest).
 */
function appRouteFirstLoad(route: string): string[] {
  const build = JSON.parse(readFileSync(`${DIST}/build-manifest.json`, "utf8")) as { rootMainFiles: string[] };
  const manifestPath = join(`${DIST}/server/app`, `${route}_client-reference-manifest.js`);
  const g = globalThis as { self?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> };
  g.self = globalThis;
  // The manifest is a script that assigns itself to globalThis.__RSC_MANIFEST[route].
  new Function(readFileSync(manifestPath, "utf8"))();
  const entry = g.__RSC_MANIFEST?.[`/${route}`]?.entryJSFiles ?? {};
  const chunks = new Set([...build.rootMainFiles, ...Object.values(entry).flat()]);
  return [...chunks].map((c) => join(DIST, c));
}

function main(): void {
  if (!existsSync(`${DIST}/BUILD_ID`) || !existsSync("public/widget.js")) throw new Error("no production build — run `npm run build` first");
  const rows = [
    { what: "widget.js loader", files: ["public/widget.js"], budget: 3 * KB },
    { what: "widget iframe first-load JS", files: widgetFirstLoad(), budget: 80 * KB },
    { what: "operator app first-load JS", files: appRouteFirstLoad(OPERATOR_PAGE), budget: 250 * KB },
  ].map((r) => {
    const bytes = sum(r.files);
    return { what: r.what, files: r.files.length, gzip_bytes: bytes, gzip_kb: Math.round((bytes / KB) * 10) / 10, budget_kb: r.budget / KB, within: bytes <= r.budget ? "yes" : "NO" };
  });
  printTable(rows);
  writeResults("bundle", { measuredAt: new Date().toISOString(), operatorRoute: `/${OPERATOR_PAGE}`, rows });
  if (rows.some((r) => r.within !== "yes")) process.exitCode = 1;
}

main();
