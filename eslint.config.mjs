import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    // The schema and the client sit below the domain: of lib/ they read only the configuration.
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*", "@/scripts/*", "**/app/*", "**/components/*", "**/lib/*", "!@/lib/env"] }],
    },
  },
];

export default config;
