import { test as base } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { OperatorAppPage } from "./pages/operator-app-page";

export type Credentials = { email: string; password: string };

type Fixtures = {
  /** The administrator e2e/server.ts seeded, with the password playwright.config.ts generated. */
  seededAdmin: Credentials;
  loginPage: LoginPage;
  operatorApp: OperatorAppPage;
};

// The fixture callback is called `provide`, not Playwright's usual `use`, which React's hook lint misreads.
export const test = base.extend<Fixtures>({
  seededAdmin: async ({}, provide) => {
    const email = process.env.SEED_ADMIN_EMAIL;
    const password = process.env.SEED_PASSWORD;
    if (!email || !password) throw new Error("SEED_ADMIN_EMAIL and SEED_PASSWORD come from playwright.config.ts");
    await provide({ email, password });
  },
  loginPage: async ({ page }, provide) => {
    await provide(new LoginPage(page));
  },
  operatorApp: async ({ page }, provide) => {
    await provide(new OperatorAppPage(page));
  },
});

export { expect } from "@playwright/test";
