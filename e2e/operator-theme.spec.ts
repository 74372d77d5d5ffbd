import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { LoginPage } from "./pages/login-page";
import { appApi, createInbox, loadOperatorWorld, unique, Visitor, type OperatorWorld } from "./support/operator-world";

/**
 * Light and dark (U11) and the layout from 360 to 2560 px (U12). The main screens pass axe-core's
 * WCAG 2 A/AA checks (contrast included) in both themes. With PARLEY_SCREENSHOTS_DIR set, the
 * conversations, settings and reports screens are photographed at 390, 1024 and 1440 px in both.
 */
const shots = process.env.PARLEY_SCREENSHOTS_DIR;
const isDarkNow = (page: Page) => page.evaluate(() => document.documentElement.classList.contains("dark"));

async function axe(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const found = result.violations.map((v) => `${what}: ${v.id} — ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`.slice(0, 300)).join(" | ")}`);
  expect(found).toEqual([]);
}

test.describe("light and dark, layout (U11, U12)", () => {
  test.describe.configure({ timeout: 90_000 });
  let w: OperatorWorld;
  let displayId: number;
  test.beforeAll(async ({ request }) => {
    w = await loadOperatorWorld();
    const inbox = await createInbox(request, w);
    const visitor = await Visitor.arrive(request, inbox, "Saoirse Ní Bhriain-Castellanos");
    displayId = await visitor.startConversation("Hello! My order #1042 has not arrived yet — could you check where it is?");
    for (let i = 0; i < 6; i++) await visitor.say(displayId, `Follow-up ${i + 1}: still waiting, the tracking page says it left the depot on Monday and nothing since.`);
  });

  test("U11: the system's dark setting applies before the first paint; the login passes axe in both themes", async ({ page }) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const res = await page.goto("/login");
      const html = (await res!.text()).slice(0, 20_000);
      // The class is set by a nonce'd script in <head>, before the body is parsed: no flash of light.
      expect(html).toMatch(/<script nonce="[^"]+">\(function\(\)\{try\{var d=matchMedia/);
      await expect(new LoginPage(page).submit).toBeVisible();
      expect(await isDarkNow(page)).toBe(scheme === "dark");
      await axe(page, `login ${scheme}`);
    }
  });

  test("U11: the profile's choice overrides the system's, at once and on the next load", async ({ request, page, signIn }) => {
    const email = `${unique("theme").replace(" ", "-")}@example.test`;
    const password = "e2e-theme-password";
    await appApi(request, w, "POST", "/agents", { name: "Theo Theme", email, role: "agent", password });
    await page.emulateMedia({ colorScheme: "light" });
    await signIn({ email, password });
    expect(await isDarkNow(page)).toBe(false);
    await page.goto(`/app/accounts/${w.accountId}/profile`);
    const theme = page.getByLabel("Theme", { exact: true });
    await expect(theme).toHaveValue("system");
    await theme.selectOption("dark");
    await theme.locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
    await expect.poll(() => isDarkNow(page)).toBe(true);
    // The server's HTML carries it: dark from the first byte, whatever the system says.
    const res = await page.goto(`/app/accounts/${w.accountId}/conversations`);
    expect((await res!.text()).slice(0, 2000)).toMatch(/<html[^>]*class="dark"/);
    expect(await isDarkNow(page)).toBe(true);

    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`/app/accounts/${w.accountId}/profile`);
    await page.getByLabel("Theme", { exact: true }).selectOption("light");
    await page.getByLabel("Theme", { exact: true }).locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
    await expect.poll(() => isDarkNow(page)).toBe(false);
    await page.reload();
    expect(await isDarkNow(page)).toBe(false);

    // Back to the system's: it follows the system live.
    await page.getByLabel("Theme", { exact: true }).selectOption("system");
    await page.getByLabel("Theme", { exact: true }).locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
    await expect.poll(() => isDarkNow(page)).toBe(true);
    await page.emulateMedia({ colorScheme: "light" });
    await expect.poll(() => isDarkNow(page)).toBe(false);
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`U11, U12: conversations, settings and reports pass axe in ${scheme} and hold at 390, 1024 and 1440 px`, async ({ page, signIn, seededAdmin }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1440, height: 900 });
      await signIn(seededAdmin);
      const base = `/app/accounts/${w.accountId}`;
      const pane = new ConversationPage(page);
      const screens = [
        { name: "conversations", path: `/conversations?status=all&conversation=${displayId}`, ready: () => expect(pane.message("Follow-up 6")).toBeVisible() },
        { name: "settings", path: "/settings/inboxes", ready: () => expect(page.getByRole("heading", { level: 1 })).toBeVisible() },
        { name: "reports", path: "/reports", ready: () => expect(page.getByRole("heading", { level: 1 })).toBeVisible() },
      ];
      for (const screen of screens) {
        for (const width of [1440, 1024, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          await page.goto(`${base}${screen.path}`);
          await screen.ready();
          expect(await isDarkNow(page)).toBe(scheme === "dark");
          // Nothing sticks out sideways.
          expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
          if (screen.name === "conversations") await conversationLayout(page, width);
          if (width === 1440) await axe(page, `${screen.name} ${scheme}`);
          if (shots) await page.screenshot({ path: `${shots}/theme-${screen.name}-${scheme}-${width}.png` });
        }
      }
    });
  }

  test("U12: the layout holds at 360 and 2560 px", async ({ page, signIn, seededAdmin }) => {
    await signIn(seededAdmin);
    for (const width of [360, 2560]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/app/accounts/${w.accountId}/conversations?status=all&conversation=${displayId}`);
      await expect(new ConversationPage(page).message("Follow-up 6")).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await conversationLayout(page, width);
    }
  });
});

/** U12: the contact's name and the inbox line are readable, the list heading whole, no day label over a message. */
async function conversationLayout(page: Page, width: number) {
  const pane = new ConversationPage(page);
  const name = pane.pane.getByRole("heading", { level: 2 }).first();
  await expect(name).toHaveText("Saoirse Ní Bhriain-Castellanos");
  // At least "Saoirse N…" is visible: not collapsed to an initial.
  expect((await name.boundingBox())!.width).toBeGreaterThan(80);
  const inboxLine = name.locator("xpath=following-sibling::p").first();
  expect((await inboxLine.boundingBox())!.width).toBeGreaterThan(120);
  if (width >= 1024) {
    const heading = page.getByRole("region", { name: "Conversations", exact: true }).getByRole("heading", { level: 1 });
    expect(await heading.evaluate((h) => h.scrollWidth <= h.clientWidth && h.scrollHeight <= h.clientHeight)).toBe(true);
  }
  // Scrolled to the middle, no day separator lies over a message's text.
  await pane.scroller.evaluate((s) => s.scrollTo({ top: s.scrollHeight / 3 }));
  const overlaps = await page.evaluate(() => {
    const boxes = (sel: string) => Array.from(document.querySelectorAll(sel)).map((e) => e.getBoundingClientRect());
    const seps = boxes('[data-testid="day-separator"]');
    const msgs = boxes('[aria-label="Messages"] article');
    return seps.filter((s) => msgs.some((m) => s.top < m.bottom - 1 && m.top < s.bottom - 1 && s.left < m.right && m.left < s.right)).length;
  });
  expect(overlaps).toBe(0);
}
