// POST /api/internal/streams/drain – close every event stream of this process (Bearer CRON_SECRET); clients resume with Last-Event-ID
import { env } from "@/lib/env";
import { createDrainHandler } from "@/lib/realtime/drain-handler";
import { realtimeHub } from "@/lib/realtime/process-hub";

export const dynamic = "force-dynamic";

export const POST = createDrainHandler({ secret: () => env().CRON_SECRET, hub: realtimeHub });
