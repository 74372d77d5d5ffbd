// Bundles the production server (scripts/serve.ts) and the start-up check (scripts/preflight.ts) into
// plain JavaScript beside the Next build, so `npm start` runs them with node alone — no TypeScript
// loader in the serving process (docs/operations.md "Start-up cost" has the measurements). Packages
// stay external: node_modules is resolved at run time, one copy shared with Next's server bundle.
// Run by `npm run build`, after `next build` (which owns the dist directory).
import { build } from "esbuild";

const distDir = process.env.PARLEY_DIST_DIR || ".next";

build({
  entryPoints: { "parley-serve": "scripts/serve.ts", "parley-preflight": "scripts/preflight.ts" },
  outdir: distDir,
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  logLevel: "warning",
}).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
