import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import type { RouteHandler } from "@/lib/http/edge";

/**
 * Every route file of the app, found the way the route-header test finds them (tracked and new files
 * under app/, so a route added by anyone is fuzzed and must be classified by the R5 matrix the moment
 * it exists), and loaded as Next would load it.
 */
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

export function routeFiles(): string[] {
  return execFileSync("git", ["ls-files", "-co", "--exclude-standard", "app/**/route.ts"], { encoding: "utf8" }).split("\n").filter(Boolean).sort();
}

export type Route = {
  file: string;
  /** The URL pattern in Next's notation, route groups dropped: `/api/v1/accounts/[accountId]/labels`. */
  pattern: string;
  method: string;
  /** Dynamic segments in order; catch-all ones (`[...x]`) are arrays. */
  params: { name: string; catchAll: boolean }[];
  handler: RouteHandler;
  /** `METHOD pattern`, the key of the R5 matrix. */
  key: string;
};

export function patternOf(file: string): string {
  const segments = file
    .replace(/^app\//, "")
    .replace(/\/?route\.ts$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** Each exported method of each route file. */
export async function loadRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  for (const file of routeFiles()) {
    const mod = (await import(/* @vite-ignore */ resolve(file))) as Record<string, unknown>;
    const pattern = patternOf(file);
    const params = [...pattern.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)].map((m) => ({ name: m[2]!, catchAll: Boolean(m[1]) }));
    for (const method of HTTP_METHODS) {
      const handler = mod[method];
      if (typeof handler === "function") routes.push({ file, pattern, method, params, handler: handler as RouteHandler, key: `${method} ${pattern}` });
    }
  }
  return routes;
}

/** The URL for a pattern with its params filled in (each segment URL-encoded as a client would). */
export function urlFor(pattern: string, params: Record<string, string | string[]>): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for route param ${name}`);
    return Array.isArray(v) ? v.map(encodeSegment).join("/") : encodeSegment(v);
  });
}

/** A lone surrogate cannot be UTF-8 encoded: on the wire it becomes U+FFFD (the handler still gets the raw param). */
function encodeSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return encodeURIComponent(v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
  }
}

/**
 * Routes the suites cannot call in-process, each with the reason. next-auth's handler reads cookies()
 * from Next's request scope, which only a running Next server provides; its sign-in is covered by the
 * login-throttle tests and the e2e journeys.
 */
export const NOT_IN_PROCESS: Record<string, string> = {
  "/api/auth/[...nextauth]": "next-auth needs Next's request scope (cookies()); covered by e2e sign-in",
};
