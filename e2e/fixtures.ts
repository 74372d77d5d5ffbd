import { test as base, expect } from "@playwright/test";
import { demoAgents } from "@/scripts/seed/demo-data";
import { LoginPage } from "./pages/login-page";
import { OperatorAppPage } from "./pages/operator-app-page";

export type Credentials = { email: string; password: string };

type Fixtures = {
  /** The administrator e2e/server.ts seeded, with the password playwright.config.ts generated. */
  seededAdmin: Credentials;
  /** A seeded agent (not an administrator); every seeded user shares SEED_PASSWORD. */
  seededAgent: Credentials;
  loginPage: LoginPage;
  operatorApp: OperatorAppPage;
  /** Signs in through the form as given credentials and waits for the operator app. */
  signIn: (credentials: Credentials) => Promise<OperatorAppPage>;
};

function seedPassword(): string {
  const password = process.env.SEED_PASSWORD;
  if (!password) throw new Error("SEED_PASSWORD comes from playwright.config.ts");
  return password;
}

// The fixture callback is called `provide`, not Playwright's usual `use`, which React's hook lint misreads.
export const test = base.extend<Fixtures>({
  seededAdmin: async ({}, provide) => {
    await provide({ email: process.env.SEED_ADMIN_EMAIL ?? "admin@example.com", password: seedPassword() });
  },
  seededAgent: async ({}, provide) => {
    await provide({ email: demoAgents[0].email, password: seedPassword() });
  },
  loginPage: async ({ page }, provide) => {
    await provide(new LoginPage(page));
  },
  operatorApp: async ({ page }, provide) => {
    await provide(new OperatorAppPage(page));
  },
  signIn: async ({ loginPage, operatorApp }, provide) => {
    await provide(async (credentials) => {
      await loginPage.goto();
      await loginPage.signIn(credentials);
      await expect(operatorApp.sidebar).toBeVisible();
      return operatorApp;
    });
  },
});

export { expect };
