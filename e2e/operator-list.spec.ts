import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { demoAgents } from "@/scripts/seed/demo-data";
import { expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { OperatorAppPage } from "./pages/operator-app-page";
import { appApi, createInbox, drainStreams, loadOperatorWorld, unique, Visitor, type OperatorWorld } from "./support/operator-world";

/**
 * The operator app's shell and live list (SPEC U1–U5, U3, E5): filters, sorting and views against
 * conversations made through the public APIs, live updates in two agents' lists, a dropped stream
 * that resumes with nothing missing, and the list's keyboard shortcuts. Every test works in an inbox
 * of its own, so what other specs do in the seeded account never changes what it sees.
 */
test.describe("operator list (SPEC U1, U3, U4)", () => {
  let w: OperatorWorld;
  test.beforeAll(async () => {
    w = await loadOperatorWorld();
  });

  async function signInAs(browser: Browser, email: string): Promise<{ page: Page; app: OperatorAppPage; close(): Promise<void> }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn({ email, password: process.env.SEED_PASSWORD! });
    const app = new OperatorAppPage(page);
    await expect(app.sidebar).toBeVisible();
    return { page, app, close: () => context.close() };
  }

  /** Ada (assigned to the administrator, latest activity), Ben (urgent, unassigned), Cy (pending) in an inbox of their own. */
  async function threeConversations(request: APIRequestContext) {
    const inbox = await createInbox(request, w);
    const [ada, ben, cy] = await Promise.all(["Ada", "Ben", "Cy"].map((n) => Visitor.arrive(request, inbox, unique(n))));
    const adaId = await ada!.startConversation("first question");
    const benId = await ben!.startConversation("second question");
    const cyId = await cy!.startConversation("third question");
    await appApi(request, w, "POST", `/conversations/${benId}/toggle_priority`, { priority: "urgent" });
    await appApi(request, w, "POST", `/conversations/${cyId}/toggle_status`, { status: "pending" });
    await appApi(request, w, "POST", `/conversations/${adaId}/assignments`, { assignee_id: w.adminId });
    await ada!.say(adaId, "and a follow-up"); // Ada is now the most recent activity
    return { inbox, ada: ada!, ben: ben!, cy: cy! };
  }

  test("U1: status tabs and sort orders change the list; the place is in the URL and Back returns to it", async ({ request, seededAdmin, signIn, page }) => {
    test.slow(); // a long walk: four sorts, three tabs and three steps back, each answered by the server
    const { inbox, ada, ben, cy } = await threeConversations(request);
    const app = await signIn(seededAdmin);
    await app.goto(w.accountId, `?inbox_id=${inbox.id}`);
    await expect(app.conversations.getByRole("heading", { name: inbox.name })).toBeVisible();
    await expect.poll(() => app.names()).toEqual([ada.name, ben.name]);
    await expect(app.card(ada.name)).toContainText("and a follow-up");
    await expect(app.card(ben.name)).toContainText("urgent", { ignoreCase: true });

    await app.sortBy("Priority");
    await expect.poll(() => app.names()).toEqual([ben.name, ada.name]);
    await expect(page).toHaveURL(/sort=priority_desc/);
    await app.sortBy("Created");
    await expect.poll(() => app.names()).toEqual([ben.name, ada.name]);
    await app.sortBy("Waiting longest");
    await expect.poll(() => app.names()).toEqual([ada.name, ben.name]);
    await app.sortBy("Last activity");

    await app.statusTab("Pending").click();
    await expect(app.statusTab("Pending")).toHaveAttribute("aria-selected", "true");
    await expect.poll(() => app.names()).toEqual([cy.name]);
    await expect(app.conversations.getByLabel("1 conversation", { exact: true })).toBeVisible();
    await app.statusTab("All").click();
    await expect.poll(async () => (await app.names()).sort()).toEqual([ada.name, ben.name, cy.name].sort());
    await expect(app.conversations.getByLabel("3 conversations")).toBeVisible();
    await app.statusTab("Resolved").click();
    await expect(app.conversations.getByText("No resolved conversations here")).toBeVisible();

    // The browser's Back walks the places visited without reloading the page.
    await page.goBack();
    await expect(app.statusTab("All")).toHaveAttribute("aria-selected", "true");
    await expect.poll(() => app.cards.count()).toBe(3);
    await page.goBack();
    await expect(app.statusTab("Pending")).toHaveAttribute("aria-selected", "true");
    await page.goBack();
    await expect(app.statusTab("Open")).toHaveAttribute("aria-selected", "true");
    await expect(app.conversations.getByLabel("2 conversations")).toBeVisible();

    // By keyboard (U5): the arrow keys move along the status tabs and choose.
    await app.statusTab("Open").focus();
    await page.keyboard.press("ArrowRight");
    await expect(app.statusTab("Pending")).toBeFocused();
    await expect(app.statusTab("Pending")).toHaveAttribute("aria-selected", "true");
    await expect.poll(() => app.names()).toEqual([cy.name]);
  });

  test("U1: views — Mine and Unassigned inside an inbox, the sidebar's views across inboxes, an inbox from the sidebar", async ({ request, seededAdmin, signIn, page }) => {
    const { inbox, ada, ben } = await threeConversations(request);
    const app = await signIn(seededAdmin);
    await app.goto(w.accountId, `?inbox_id=${inbox.id}&view=mine`);
    await expect.poll(() => app.names()).toEqual([ada.name]);
    await expect(app.card(ada.name)).not.toContainText("Unassigned");
    await app.goto(w.accountId, `?inbox_id=${inbox.id}&view=unassigned`);
    await expect.poll(() => app.names()).toEqual([ben.name]);

    // The sidebar's views leave the inbox; the list follows.
    await app.showView("Mine");
    await expect(page).toHaveURL(/view=mine/);
    await expect(page).not.toHaveURL(/inbox_id=/);
    await expect(app.conversations.getByRole("heading", { name: "Mine" })).toBeVisible();
    await expect(app.card(ada.name)).toBeVisible();
    await expect(app.card(ben.name)).toHaveCount(0);
    await app.inboxLink(inbox.name).click();
    await expect(page).toHaveURL(new RegExp(`inbox_id=${inbox.id}`));
    await expect.poll(() => app.names()).toEqual([ada.name, ben.name]);
  });

  test("U3: a visitor's message appears live in two agents' lists, with the counts updated", async ({ request, browser }) => {
    const inbox = await createInbox(request, w);
    const admin = await signInAs(browser, process.env.SEED_ADMIN_EMAIL ?? "admin@example.com");
    const sam = await signInAs(browser, demoAgents[0].email);
    try {
      for (const { app } of [admin, sam]) {
        await app.goto(w.accountId, `?inbox_id=${inbox.id}`);
        await expect(app.conversations.getByText("No open conversations here")).toBeVisible();
        await expect(app.inboxLink(inbox.name).getByLabel(/unread/)).toHaveCount(0);
      }
      // Both streams are connected once the page has hydrated and its first stream request answered.
      const visitor = await Visitor.arrive(request, inbox);
      const id = await visitor.startConversation("Is anyone there?");
      for (const { app } of [admin, sam]) {
        await expect(app.card(visitor.name)).toContainText("Is anyone there?");
        await expect(app.card(visitor.name)).toContainText(`#${id}`);
        await expect(app.card(visitor.name).getByLabel("1 unread")).toBeVisible();
        await expect(app.conversations.getByLabel("1 conversation", { exact: true })).toBeVisible();
        await expect(app.inboxLink(inbox.name).getByLabel("1 unread")).toBeVisible();
      }
      await visitor.say(id, "Hello again");
      for (const { app, page } of [admin, sam]) {
        await expect(app.card(visitor.name)).toContainText("Hello again");
        await expect(app.card(visitor.name).getByLabel("2 unread")).toBeVisible();
        await expect(page).toHaveTitle(/^\(\d+\) /);
      }
    } finally {
      await admin.close();
      await sam.close();
    }
  });

  test("E5/U3: the stream drops, 'Reconnecting…' shows, and on resume what was said in the gap is all there", async ({ request, seededAdmin, signIn, page }) => {
    const inbox = await createInbox(request, w);
    const first = await Visitor.arrive(request, inbox);
    const firstId = await first.startConversation("before the gap");
    const app = await signIn(seededAdmin);
    await app.goto(w.accountId, `?inbox_id=${inbox.id}`); // hydrated, stream connected
    await expect(app.card(first.name)).toContainText("before the gap");
    await expect(app.reconnecting).toHaveCount(0);

    // Keep the client from getting back until the gap has content.
    await page.route("**/api/v1/stream*", (route) => route.abort());
    // (Not asserting how many closed: a parallel worker's drain may have closed ours a moment before.)
    await drainStreams(request);
    await expect(app.reconnecting).toBeVisible();
    await expect(app.reconnecting).toHaveText("Reconnecting…");

    await first.say(firstId, "said during the gap");
    const second = await Visitor.arrive(request, inbox);
    await second.startConversation("a new chat during the gap");
    await page.unroute("**/api/v1/stream*");

    await expect(app.reconnecting).toHaveCount(0, { timeout: 30_000 });
    await expect(app.card(first.name)).toContainText("said during the gap");
    await expect(app.card(first.name).getByLabel("2 unread")).toBeVisible();
    await expect(app.card(second.name)).toContainText("a new chat during the gap");
    await expect.poll(() => app.names()).toEqual([second.name, first.name]);
    await expect(app.conversations.getByLabel("2 conversations")).toBeVisible();
  });

  test("U4/U5: Alt+K / Alt+J move the selection, ? and Ctrl+/ open the shortcut help, Escape closes it", async ({ request, seededAdmin, signIn, page }) => {
    const inbox = await createInbox(request, w);
    const visitors = [];
    for (const n of ["One", "Two", "Three"]) {
      const v = await Visitor.arrive(request, inbox, unique(n));
      await v.startConversation(`hello from ${n}`);
      visitors.push(v);
    }
    const app = await signIn(seededAdmin);
    await app.goto(w.accountId, `?inbox_id=${inbox.id}`);
    await expect.poll(() => app.names()).toEqual(visitors.map((v) => v.name).reverse());
    const [newest, middle] = [visitors[2]!, visitors[1]!];

    await page.keyboard.press("?");
    await expect(app.shortcuts).toBeVisible();
    for (const text of ["Previous conversation", "Next conversation", "Resolve the conversation", "Write a private note", "Write a reply", "Show or hide the contact panel"]) {
      await expect(app.shortcuts).toContainText(text);
    }
    await page.keyboard.press("Escape");
    await expect(app.shortcuts).toBeHidden();
    await page.keyboard.press("Control+/");
    await expect(app.shortcuts).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(app.shortcuts).toBeHidden();

    await page.keyboard.press("Alt+K");
    await expect(app.selected()).toContainText(newest.name);
    await expect(page).toHaveURL(/conversation=\d+/);
    await page.keyboard.press("Alt+K");
    await expect(app.selected()).toContainText(middle.name);
    await page.keyboard.press("Alt+J");
    await expect(app.selected()).toContainText(newest.name);
    await page.goBack(); // the selection is part of the history too
    await expect(app.selected()).toContainText(middle.name);

    // A card is a link, reachable and opened by keyboard.
    await app.card(visitors[0]!.name).focus();
    await page.keyboard.press("Enter");
    await expect(app.selected()).toContainText(visitors[0]!.name);
    await expect(app.conversation).toBeVisible();
    // Opened, it is read: the pane tells the list at once (patchConversation), the badge goes.
    await expect(app.card(visitors[0]!.name).getByLabel(/unread/)).toHaveCount(0);
    // Resolved from the pane (Alt+E), it leaves the Open list without a reload.
    await page.keyboard.press("Alt+E");
    await expect(app.card(visitors[0]!.name)).toHaveCount(0);
    await expect(app.conversations.getByLabel("2 conversations")).toBeVisible();
  });

  test("U5: below 1024 px one column — the list, or the conversation", async ({ request, seededAdmin, signIn, page }) => {
    const inbox = await createInbox(request, w);
    const v = await Visitor.arrive(request, inbox);
    await v.startConversation("on a small screen");
    const app = await signIn(seededAdmin);
    await page.setViewportSize({ width: 800, height: 900 });
    await app.goto(w.accountId, `?inbox_id=${inbox.id}`);
    await expect(app.conversations).toBeVisible();
    await expect(app.sidebar).toBeHidden();
    await app.card(v.name).click();
    await expect(app.conversation).toBeVisible();
    await expect(app.conversations).toBeHidden();
    await page.goBack();
    await expect(app.conversations).toBeVisible();
    await app.conversations.getByRole("button", { name: "Open menu" }).click();
    await expect(app.sidebar).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(app.sidebar).toBeHidden();
    await app.conversations.getByRole("button", { name: "Open menu" }).click();
    await app.inboxLink(inbox.name).click();
    await expect(app.sidebar).toBeHidden();
  });
});
