// GET /api/health – reachability of the database and the coordination store, 503 while draining; ?deep=1 also checks the relay
import { database } from "@/db/client";
import { checkHealth, healthStatusCode } from "@/lib/http/health";
import { coordination } from "@/lib/redis";
import { isDraining } from "@/lib/server/state";

export const dynamic = "force-dynamic";

export async function GET(req?: Request): Promise<Response> {
  const deep = req ? new URL(req.url).searchParams.get("deep") === "1" : false;
  const health = await checkHealth({ database, store: coordination, draining: isDraining }, { deep });
  return Response.json(health, { status: healthStatusCode(health), headers: { "Cache-Control": "no-store" } });
}
