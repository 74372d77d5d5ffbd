// npm run db:seed — creates the demo workspace once (SPEC §3 SEED_ADMIN_EMAIL / SEED_PASSWORD).
import { openDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { runScript } from "./run-script";
import { seedAndReport } from "./seed-report";

runScript(async () => {
  const config = env();
  const database = await openDatabase(config);
  try {
    await database.migrate();
    await seedAndReport(database.db, config);
  } finally {
    await database.close();
  }
});
