import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { InboxEditor, SettingsPage } from "./pages/settings-page";
import { ThirdPartySite, WidgetOnPage } from "./pages/widget-host-page";

/**
 * Settings (SPEC §10): an administrator sets up a website inbox and the snippet they copy shows their
 * choices on a third party's page; agents get the 403 page; bad input shows field errors and keeps
 * what was typed. With PARLEY_SCREENSHOTS_DIR set, the pages are also photographed for docs/.
 */
const shots = process.env.PARLEY_SCREENSHOTS_DIR;
const unique = () => Math.random().toString(36).slice(2, 8);
/** A tall viewport instead of fullPage: the settings scroll inside their own column. */
async function shoot(page: Page, name: string, height = 1400) {
  if (!shots) return;
  await page.evaluate(() => document.querySelectorAll("main").forEach((m) => m.scrollTo(0, 0)));
  await page.setViewportSize({ width: 1280, height });
  await page.screenshot({ path: `${shots}/${name}.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
}
const accountIdOf = (url: string) => Number(/\/app\/accounts\/(\d+)\//.exec(url)?.[1]);

test.describe("settings", () => {
  test("an administrator creates an inbox, adds a member, sets colour and greeting, and the copied snippet shows them", async ({ page, context, signIn, seededAdmin, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    const app = await signIn(seededAdmin);
    await expect(app.sidebar.getByRole("link", { name: "Settings" })).toBeVisible();
    const accountId = accountIdOf(page.url());
    const settings = new SettingsPage(page);
    await settings.gotoInboxes(accountId);
    await expect(settings.nav.getByRole("link", { name: "Canned responses" })).toBeVisible();

    const name = `Shop ${unique()}`;
    const editor = await settings.createInbox(name, "https://shop.example");
    await editor.addMember("Sam Rivera");

    const greeting = `Welcome to ${name}! How can we help?`;
    await editor.setAppearance({ colour: "#aa3300", greeting });
    await expect(editor.widgetStatus).toHaveText("Saved");
    // The live preview follows the form.
    await expect(editor.preview.getByTestId("preview-header")).toHaveCSS("background-color", "rgb(170, 51, 0)");
    await expect(editor.preview.getByText(greeting)).toBeVisible();
    await shoot(page, "settings-inbox-editor", 3000);

    const snippet = await editor.copySnippet();
    expect(snippet).toBe(await editor.snippet.inputValue());
    // The snippet carries the inbox colour so a first-time visitor's bubble is already in it (W1).
    const match =
      /^<script>window\.parleySettings = \{ websiteToken: "([1-9A-HJ-NP-Za-km-z]{24})", baseUrl: "([^"]+)", widgetColor: "(#[0-9a-f]{6})" \};<\/script>\n<script async src="(.+)\/widget\.js"><\/script>$/.exec(
        snippet,
      );
    expect(match, snippet).not.toBeNull();
    expect(match![2]).toBe(match![4]);
    expect(match![3]).toBe("#aa3300");

    // A page embedding exactly that snippet shows the new colour and, once the visitor writes, the greeting.
    const site = await ThirdPartySite.start({ parleyUrl: match![2]!, websiteToken: match![1]! });
    try {
      const visitor = new WidgetOnPage(await context.newPage());
      await visitor.goto(site);
      await visitor.open();
      await expect(visitor.bubble).toHaveCSS("background-color", "rgb(170, 51, 0)");
      await visitor.say("Hello, is anyone there?");
      await expect(visitor.message(greeting)).toBeVisible();
    } finally {
      await site.close();
    }
  });

  test("invalid input shows field errors next to the fields and keeps what was typed", async ({ page, signIn, seededAdmin }) => {
    await signIn(seededAdmin);
    const settings = new SettingsPage(page);
    await settings.gotoInboxes(accountIdOf(page.url()));
    const editor: InboxEditor = await settings.createInbox(`Errors ${unique()}`, "https://errors.example");

    await editor.hours.getByLabel("Time zone").fill("Mars/Olympus");
    await editor.hours.getByLabel("Monday opens").fill("10:00");
    await editor.hours.getByLabel("Monday closes").fill("08:30");
    await editor.hours.getByLabel("Out-of-office message").fill("We are away");
    await editor.hours.getByRole("button", { name: "Save business hours" }).click();
    await expect(editor.hours.getByText("is not a valid IANA time zone")).toBeVisible();
    await expect(editor.hours.getByText("Closing time must be after the opening time")).toBeVisible();
    await expect(editor.hours.getByLabel("Time zone")).toHaveValue("Mars/Olympus");
    await expect(editor.hours.getByLabel("Monday closes")).toHaveValue("08:30");
    await expect(editor.hours.getByLabel("Out-of-office message")).toHaveValue("We are away");

    await editor.appearance.getByLabel("Widget colour", { exact: true }).fill("red");
    await editor.appearance.getByLabel("Welcome heading").fill("Typed heading");
    await editor.saveWidget();
    await expect(editor.appearance.getByText("must be a colour like #1f93ff")).toBeVisible();
    await expect(editor.appearance.getByLabel("Widget colour", { exact: true })).toHaveValue("red");
    await expect(editor.appearance.getByLabel("Welcome heading")).toHaveValue("Typed heading");
    await shoot(page, "settings-field-errors", 3000);

    // A duplicate canned response short code is a field error too.
    await page.goto(page.url().replace(/\/inboxes\/\d+$/, "/canned-responses"));
    const form = page.getByRole("region", { name: "New canned response" });
    const code = `dup${unique()}`;
    for (let i = 0; i < 2; i++) {
      await form.getByLabel("Short code").fill(code);
      await form.getByLabel("Content").fill(`Reply ${i}`);
      await form.getByRole("button", { name: "Add canned response" }).click();
      if (i === 0)
        await expect(
          page
            .getByRole("list", { name: "Canned responses" })
            .getByLabel("Short code")
            .and(page.locator(`[value="${code}"]`)),
        ).toBeVisible();
    }
    await expect(form.getByText("has already been taken")).toBeVisible();
    await expect(form.getByLabel("Content")).toHaveValue("Reply 1");
  });

  test("an agent opening a settings URL gets the 403 page and no settings navigation", async ({ page, signIn, seededAgent }) => {
    const app = await signIn(seededAgent);
    await expect(app.sidebar.getByRole("link", { name: "Settings" })).toHaveCount(0);
    await expect(app.sidebar.getByRole("link", { name: "Profile" })).toBeVisible();
    const accountId = accountIdOf(page.url());
    for (const path of ["inboxes", "agents", "labels"]) {
      const res = await page.goto(`/app/accounts/${accountId}/settings/${path}`);
      expect(res?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Settings" })).toHaveCount(0);
    }
    await shoot(page, "settings-forbidden", 720);
  });

  test("every settings page and the profile render for an administrator", async ({ page, signIn, seededAdmin }) => {
    await signIn(seededAdmin);
    const base = `/app/accounts/${accountIdOf(page.url())}`;
    const pages: [string, string][] = [
      ["settings/inboxes", "Inboxes"],
      ["settings/agents", "Agents"],
      ["settings/canned-responses", "Canned responses"],
      ["settings/labels", "Labels"],
      ["settings/account", "Account"],
      ["profile", "Profile"],
    ];
    for (const [path, heading] of pages) {
      await page.goto(`${base}/${path}`);
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
      if (path === "settings/labels") {
        const title = `billing-${unique()}`;
        await page.getByRole("region", { name: "New label" }).getByLabel("Title").fill(title);
        await page.getByRole("region", { name: "New label" }).getByRole("button", { name: "Add label" }).click();
        await expect(page.getByRole("list", { name: "Labels" }).getByLabel("Title")).not.toHaveCount(0);
      }
      await shoot(page, `settings-${path.replace("settings/", "")}`);
    }
  });
});
