import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { READY_PATTERN } from "./e2e/support/ready-line";

/**
 * End-to-end journeys against the production build (SPEC §15) in Debian's Chromium — never a
 * Playwright-downloaded browser. e2e/server.ts provides the server; see it for the wiring.
 *
 * This file is evaluated by the runner and again by every worker; values generated here go into
 * process.env first, which the workers inherit, so all of them agree on the same run.
 */
process.env.SEED_ADMIN_EMAIL ??= "admin@example.com";
process.env.SEED_PASSWORD ??= `e2e-${randomBytes(12).toString("base64url")}`;
// The server inherits it (e2e/server.ts passes the environment on); journeys use it to drain streams.
process.env.CRON_SECRET ??= `e2e-cron-${randomBytes(12).toString("base64url")}`;

const isCI = process.env.CI === "true" || process.env.CI === "1";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  forbidOnly: true,
  retries: isCI ? 1 : 0,
  // One app server on a 2-core machine: two browsers are the most it serves without starving next.
  workers: isCI ? 1 : 2,
  fullyParallel: false,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalTimeout: 16 * 60_000,
  use: {
    browserName: "chromium",
    // Copied into the environment by the webServer's `wait` pattern (e2e/support/ready-line.ts) before
    // workers start; PARLEY_E2E_DATABASE_URL comes the same way.
    baseURL: process.env.PARLEY_E2E_BASE_URL,
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: "node_modules/.bin/tsx e2e/server.ts",
    wait: { stdout: READY_PATTERN },
    // Create the database, migrate, seed and start next: well under this on the CI machine.
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets e2e/server.ts drop its database and close the bridge; SIGKILL would leak them.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
