// npm run reports:backfill — reporting events for conversations that existed before they were
// recorded (lib/reports/backfill.ts), then the message and event rollups up to now − 5 min. Safe to run twice.
import { openDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { backfillReportingEvents } from "@/lib/reports/backfill";
import { runScript } from "./run-script";

runScript(async () => {
  const database = await openDatabase(env());
  try {
    const report = await backfillReportingEvents(database.db, { log: (line) => console.log(line) });
    console.log(`Backfilled ${report.events} reporting events for ${report.conversations} conversations; messages rolled up through ${report.rolledThrough.toISOString()}.`);
  } finally {
    await database.close();
  }
});
