// Builds the widget's browser code with esbuild: the embed loader (public/widget.js, B5 ≤ 3 KB gzip)
// and the iframe app (public/widget-app.js + .css, B5 ≤ 80 KB gzip). Run by `npm run build`/`dev`.
import { build, type BuildOptions } from "esbuild";

const common: BuildOptions = { bundle: true, minify: true, target: ["es2020"], legalComments: "none", logLevel: "warning" };

Promise.all([
  build({ ...common, entryPoints: ["widget/loader.ts"], outfile: "public/widget.js", format: "iife" }),
  build({ ...common, entryPoints: ["widget/app/main.ts"], outfile: "public/widget-app.js", format: "iife", tsconfig: "tsconfig.json" }),
  build({ ...common, entryPoints: ["widget/app/widget.css"], outfile: "public/widget-app.css" }),
]).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
