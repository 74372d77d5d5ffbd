// GET /api/metrics – Prometheus metrics (text format) for the operator's scraper, behind the METRICS_TOKEN bearer
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { scrapeMetrics } from "@/lib/observability/scrape";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  // Not configured: the endpoint does not exist, as far as anyone can tell.
  if (!token) return Response.json({ error: "Not found" }, { status: 404 });
  if (!bearerMatches(req.headers.get("authorization"), token)) {
    return Response.json({ error: "A valid metrics bearer token is required" }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
  }
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}

/** Compared through SHA-256 digests in constant time: neither timing nor length leaks the token. */
function bearerMatches(header: string | null, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token));
}

const digest = (s: string) => createHash("sha256").update(s).digest();
