// `npm start`: the production build's bundled preflight (configuration check; the embedded database's
// migrations and seed), then the bundled server in this very process, so the signals npm forwards
// reach it (package.json execs this file: no shell in between). Plain JavaScript: no loader at run
// time. The bundles are built into the dist directory by scripts/build-server.ts (`npm run build`).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const distDir = resolve(process.env.PARLEY_DIST_DIR || ".next");
const server = `${distDir}/parley-serve.cjs`;
if (!existsSync(server)) {
  console.error(`No production server in ${distDir} — run \`npm run build\` first.`);
  process.exit(1);
}
const preflight = spawnSync(process.execPath, [`${distDir}/parley-preflight.cjs`], { stdio: "inherit" });
if (preflight.status !== 0) process.exit(preflight.status ?? 1);
// Reads --port / --hostname / --keepAliveTimeout from this process's arguments.
createRequire(import.meta.url)(server);
