import { expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { OperatorAppPage } from "./pages/operator-app-page";
import { appApi, createInbox, loadOperatorWorld, unique, Visitor, type OperatorWorld } from "./support/operator-world";

/**
 * The sidebar and what the app does while the agent looks away (SPEC U1, U3): the availability
 * switch, per-inbox unread counts, Settings for administrators only; a tone, a desktop notification
 * and the unread count in the title when the tab is hidden. A fresh agent of the test's own is used,
 * so changing availability never disturbs assignment in other specs.
 */
test.describe("operator sidebar and alerts (SPEC U1, U3)", () => {
  let w: OperatorWorld;
  test.beforeAll(async () => {
    w = await loadOperatorWorld();
  });

  test("an agent sees their inbox's unread count and no Settings, and their availability choice sticks", async ({ request, page, browser, seededAdmin }) => {
    const email = `${unique("agent").replace(" ", "-")}@example.test`;
    const password = "e2e-agent-password";
    const agent = await appApi<{ id: number }>(request, w, "POST", "/agents", { name: "Robin Rota", email, role: "agent", password });
    const inbox = await createInbox(request, w);
    await appApi(request, w, "POST", "/inbox_members", { inbox_id: inbox.id, user_ids: [agent.id] });
    await (await Visitor.arrive(request, inbox)).startConversation("anyone?");

    const login = new LoginPage(page);
    await login.goto();
    const app = new OperatorAppPage(page);
    const live = app.waitForLive();
    await login.signIn({ email, password });
    await live;
    await expect(app.sidebar).toBeVisible();
    await expect(app.inboxLink(inbox.name).getByLabel("1 unread")).toBeVisible();
    await expect(app.sidebar.getByRole("link", { name: "Profile" })).toBeVisible();
    await expect(app.sidebar.getByRole("link", { name: "Settings" })).toHaveCount(0);

    const availability = app.sidebar.getByRole("combobox", { name: "Availability" });
    await expect(availability).toHaveValue("online");
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/v1/profile/availability") && r.request().method() === "POST");
    await availability.selectOption("busy");
    expect((await saved).status()).toBe(200);
    await page.reload();
    await expect(app.sidebar.getByRole("combobox", { name: "Availability" })).toHaveValue("busy");

    // The administrator, for contrast, has Settings.
    const other = await browser.newContext();
    const adminPage = await other.newPage();
    const adminLogin = new LoginPage(adminPage);
    await adminLogin.goto();
    await adminLogin.signIn(seededAdmin);
    await expect(new OperatorAppPage(adminPage).sidebar.getByRole("link", { name: "Settings" })).toBeVisible();
    await other.close();
  });

  test("while the tab is hidden a visitor's message plays a tone and raises a notification (asked for from a click); the title counts unread", async ({ request, page, seededAdmin, signIn }) => {
    // The browser's notification and audio, observed: what the app asks of them is recorded.
    await page.addInitScript(() => {
      const w = window as unknown as { __hidden: boolean; __notes: { title: string; body?: string }[]; __tones: number };
      w.__hidden = false;
      w.__notes = [];
      w.__tones = 0;
      Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => (w.__hidden ? "hidden" : "visible") });
      class FakeNotification {
        static permission: NotificationPermission = "default";
        static requestPermission = async () => (FakeNotification.permission = "granted");
        onclick: (() => void) | null = null;
        constructor(title: string, opts?: NotificationOptions) {
          w.__notes.push({ title, body: opts?.body });
        }
        close() {}
      }
      Object.defineProperty(window, "Notification", { configurable: true, value: FakeNotification });
      const Real = window.AudioContext;
      Object.defineProperty(window, "AudioContext", {
        configurable: true,
        value: class extends Real {
          createOscillator() {
            w.__tones++;
            return super.createOscillator();
          }
        },
      });
    });
    const inbox = await createInbox(request, w);
    const visitor = await Visitor.arrive(request, inbox);
    const id = await visitor.startConversation("first, while you look");

    const app = await signIn(seededAdmin);
    await app.goto(w.accountId, `?inbox_id=${inbox.id}`);
    await app.sidebar.getByRole("button", { name: "Enable desktop notifications" }).click();
    await expect(app.sidebar.getByRole("button", { name: "Enable desktop notifications" })).toHaveCount(0);
    await expect(page).toHaveTitle(/^\(\d+\) /);

    await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = true));
    await visitor.say(id, "are you still there?");
    await expect.poll(() => page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes)).toEqual([{ title: visitor.name, body: "are you still there?" }]);
    expect(await page.evaluate(() => (window as unknown as { __tones: number }).__tones)).toBeGreaterThanOrEqual(1);
    await expect(app.card(visitor.name).getByLabel("2 unread")).toBeVisible();
  });
});
