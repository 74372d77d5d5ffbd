import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { ATTACHMENT_CSP, ATTACHMENT_ROUTES } from "./lib/attachments/attachment-headers";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The dev-only Next badge sat on the sidebar's avatar and Profile link (bottom left, the first thing
  // a newcomer looks at); top left covers only the decorative logo mark (U9).
  devIndicators: { position: "top-left" },
  // A second build directory lets parallel work (benchmarks, several e2e runs) build without clobbering
  // .next; npm run build/start and the tests use the default.
  distDir: process.env.PARLEY_DIST_DIR || ".next",
  // forbidden() and forbidden.tsx: agents opening a settings page get a 403 (SPEC §10).
  experimental: { authInterrupts: true },
  // Native and WASM modules stay outside the server bundle, and so do the packages the production
  // server (scripts/serve.ts) shares with the app: one copy of each in the process.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "ws", "@neondatabase/serverless", "ioredis", "pino", "pino-pretty", "prom-client"],
  // Chatwoot's website snippet loads /packs/js/sdk.js: the same loader answers it (SD1, docs/widget-sdk.md).
  async rewrites() {
    return [{ source: "/packs/js/sdk.js", destination: "/widget.js" }];
  },
  async headers() {
    return [
      {
        // Only the widget page may be framed, and only by the inbox's allowed domains (W5): the widget
        // route (exactly /widget) sets its own frame-ancestors; everything else refuses framing.
        source: "/((?!widget$).*)",
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
      // File downloads keep their own sandboxing policy (SPEC §12); a later rule wins for the same header.
      ...ATTACHMENT_ROUTES.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: ATTACHMENT_CSP }] })),
    ];
  },
};

// next-intl reads each request's language and catalogue from i18n/request.ts (docs/i18n.md).
export default createNextIntlPlugin("./i18n/request.ts")(nextConfig);
