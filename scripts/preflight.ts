// Runs before `npm run dev` and `npm start`: checks the configuration (a bad value stops start-up with
// a message naming the variable) and, in the embedded default, prepares .data/ — the auth secret, the
// migrated PGlite database and the demo workspace — so a bare machine needs no services (SPEC §1, §3).
import { authSecret } from "@/lib/auth/secret";
import { env, isEmbedded } from "@/lib/env";
import { runScript } from "./run-script";
import { migrateAndSeed } from "./seed-report";

runScript(async () => {
  const config = env();
  authSecret();
  if (!isEmbedded(config)) return;
  console.log(`Embedded mode: PGlite in ${config.DATA_DIR}/pglite, in-process coordination store.`);
  await migrateAndSeed(config);
});
