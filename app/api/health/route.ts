// GET /api/health – database and coordination store reachability, for load balancers and R2/R3 checks
import { database } from "@/db/client";
import { checkHealth } from "@/lib/http/health";
import { coordination } from "@/lib/redis";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth({ database, store: coordination });
  return Response.json(health, { status: health.database === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
}
