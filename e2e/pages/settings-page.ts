import { expect, type Locator, type Page } from "@playwright/test";

/** The administrator's settings (SPEC §10), found by their landmarks and labels. */
export class SettingsPage {
  readonly nav: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Settings" });
  }

  async gotoInboxes(accountId: number): Promise<void> {
    await this.page.goto(`/app/accounts/${accountId}/settings/inboxes`);
    await expect(this.page.getByRole("heading", { name: "Inboxes", level: 1 })).toBeVisible();
  }

  /** Creates a website inbox and lands on its editor. */
  async createInbox(name: string, websiteUrl: string): Promise<InboxEditor> {
    const form = this.page.getByRole("region", { name: "New website inbox" });
    await form.getByLabel("Inbox name").fill(name);
    await form.getByLabel("Website URL").fill(websiteUrl);
    await form.getByRole("button", { name: "Create inbox" }).click();
    await expect(this.page.getByRole("heading", { name, level: 1 })).toBeVisible();
    return new InboxEditor(this.page);
  }
}

export class InboxEditor {
  readonly appearance: Locator;
  readonly greeting: Locator;
  readonly hours: Locator;
  readonly members: Locator;
  readonly snippet: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.appearance = page.getByRole("region", { name: "Widget appearance" });
    this.greeting = page.getByRole("region", { name: "Greeting" });
    this.hours = page.getByRole("region", { name: "Business hours" });
    this.members = page.getByRole("region", { name: "Members" });
    this.snippet = page.getByRole("textbox", { name: "Embed snippet" });
    this.preview = page.getByRole("figure", { name: "Widget preview" });
  }

  async addMember(name: string): Promise<void> {
    await this.members.getByRole("checkbox", { name: new RegExp(name) }).check();
    await this.members.getByRole("button", { name: "Save members" }).click();
    await expect(this.members.getByRole("status")).toHaveText("Saved");
  }

  /** Fills colour and greeting and saves the widget form. */
  async setAppearance({ colour, greeting }: { colour: string; greeting: string }): Promise<void> {
    await this.appearance.getByLabel("Widget colour", { exact: true }).fill(colour);
    await this.greeting.getByLabel("Send a greeting message").check();
    await this.greeting.getByRole("textbox", { name: "Greeting message" }).fill(greeting);
    await this.saveWidget();
  }

  async saveWidget(): Promise<void> {
    await this.page.getByRole("button", { name: "Save widget settings" }).click();
  }

  /** The outcome line next to the widget form's Save button. */
  get widgetStatus(): Locator {
    return this.page.locator("form", { has: this.page.getByRole("button", { name: /^(Save widget settings|Saving…)$/ }) }).getByRole("status");
  }

  async copySnippet(): Promise<string> {
    await this.page.getByRole("region", { name: "Embed snippet" }).getByRole("button", { name: "Copy" }).click();
    await expect(this.page.getByRole("region", { name: "Embed snippet" }).getByRole("button", { name: "Copied" })).toBeVisible();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
