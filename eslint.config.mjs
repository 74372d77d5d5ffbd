import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The modules of lib/ that browser code may import at run time. They import nothing of the server but
 * types, so no server module (database, secrets, Node APIs) can end up in a client bundle.
 */
const BROWSER_SAFE = [
  "@/lib/realtime/event-types",
  "@/lib/realtime/parse-event",
  "@/lib/realtime/stream-client",
  "@/lib/realtime/sse-parser",
  "@/lib/settings/form-state",
  "@/lib/auth/login-errors",
  "@/lib/i18n/api-error-text",
  "@/lib/notifications/mentions",
  "@/lib/workflow/workflow-names",
];
const BROWSER_SAFE_FILES = BROWSER_SAFE.map((m) => `${m.slice(2)}.ts`);
const escape = (m) => m.replace(/[.]/g, "\\.");
const serverOnly = (extra) => ({
  regex: `^(?:@/(?:lib|db)/(?!(?:${BROWSER_SAFE.map((m) => escape(m.slice(6))).join("|")})$)|${extra.join("|") || "(?!)"})`,
  allowTypeImports: true,
  message: "browser code imports server modules only as types; at run time only the BROWSER_SAFE modules (eslint.config.mjs)",
});

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", ".data/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "public/widget.js", "public/widget-app.js"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // No import cycle: a module never needs, through any chain, a module that needs it. Packages are
    // not followed (they cannot import the app back, and parsing them is slow).
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // The domain never depends on routes or UI.
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"] }],
    },
  },
  {
    // Client components and the widget run in the browser (their unit tests run in Node).
    files: ["components/**/*.{ts,tsx}", "widget/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [serverOnly([])] }],
    },
  },
  {
    // The browser-safe modules themselves (after the lib/ rule, which this one includes).
    files: BROWSER_SAFE_FILES,
    rules: {
      "no-restricted-imports": ["error", { patterns: [serverOnly(["@/(?:app|components)/", "(?:\\.\\./)+(?:app|components)/"])] }],
    },
  },
  {
    // The schema and the client sit below the domain: of lib/ they read only the configuration.
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*", "@/scripts/*", "**/app/*", "**/components/*", "**/lib/*", "!@/lib/env"] }],
    },
  },
];

export default config;
