// POST|GET /api/internal/sweep – cron maintenance (Bearer CRON_SECRET): reopen due snoozes, presence expiry, assignment backlog, event retention
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { createSweepHandler } from "@/lib/maintenance/sweep-handler";
import { kickRealtime } from "@/lib/realtime/process-hub";
import { coordination } from "@/lib/redis";

export const dynamic = "force-dynamic";

export const POST = createSweepHandler({
  secret: () => env().CRON_SECRET,
  db: getDb,
  store: coordination,
  afterSweep: () => void kickRealtime(),
});

// Vercel Cron calls with GET and the same Authorization header.
export const GET = POST;
