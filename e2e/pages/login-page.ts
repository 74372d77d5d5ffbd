import { expect, type Locator, type Page } from "@playwright/test";

/** The sign-in form (SPEC U2): fields labelled "Email" and "Password", a "Sign in" button. */
export class LoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The message a failed sign-in shows; Next's empty route announcer is also an alert, hence the text. */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("Email", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Sign in" });
    this.error = page.getByRole("alert").filter({ hasText: /\S/ });
  }

  async goto(): Promise<void> {
    await this.page.goto("/login");
    await expect(this.submit).toBeVisible();
  }

  async signIn(credentials: { email: string; password: string }): Promise<void> {
    await this.email.fill(credentials.email);
    await this.password.fill(credentials.password);
    await this.submit.click();
  }
}
