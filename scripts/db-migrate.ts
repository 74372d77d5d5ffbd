// npm run db:migrate — applies the committed migrations in db/migrations to the configured database.
import { openDatabase } from "@/db/client";
import { databaseDriver, env } from "@/lib/env";
import { runScript } from "./run-script";

runScript(async () => {
  const config = env();
  const database = await openDatabase(config);
  try {
    await database.migrate();
    console.log(`Migrations applied (${databaseDriver(config)}).`);
  } finally {
    await database.close();
  }
});
