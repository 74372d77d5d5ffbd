// npm run db:seed — creates the demo workspace once (SPEC §3 SEED_ADMIN_EMAIL / SEED_PASSWORD).
import { runScript } from "./run-script";
import { migrateAndSeed } from "./seed-report";

runScript(() => migrateAndSeed());
