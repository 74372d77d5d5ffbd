import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import { demoAgents } from "@/scripts/seed/demo-data";
import { expect, test, type Credentials } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { LoginPage } from "./pages/login-page";
import { OperatorAppPage } from "./pages/operator-app-page";
import { drainStreams } from "./support/operator-world";
import { setUpSpecInbox } from "./support/spec-inbox";

/**
 * Two agents on one conversation, each in a browser of their own (SPEC U3, E3, E4): what the visitor
 * writes, what one agent answers and whom they assign it to reach the other's screen live, with no
 * reload.
 */
const token = () => randomBytes(12).toString("base64url");

test.describe("two agents, one conversation, live (SPEC U3)", () => {
  const spec = setUpSpecInbox({ name: "E2E live", autoAssignment: false, agentMembers: true });

  async function agentWindow(browser: Browser, who: Credentials) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(who);
    const app = new OperatorAppPage(page);
    await expect(app.sidebar).toBeVisible();
    return { context, page, app, pane: new ConversationPage(page) };
  }

  test("a visitor's message, a colleague's reply and typing, a new assignee and a resolve appear in both agents' windows", async ({ browser, request, seededAdmin, seededAgent }) => {
    // Two browsers signing in and a conversation followed through four steps: more than one page's budget.
    test.setTimeout(60_000);
    const admin = await agentWindow(browser, seededAdmin);
    const sam = await agentWindow(browser, seededAgent);
    try {
      for (const w of [admin, sam]) await w.app.showView("All");

      // The visitor starts a conversation after both windows are open: it arrives in both lists live.
      const base = `/public/api/v1/inboxes/${spec.websiteToken}`;
      const name = `Live Visitor ${token()}`;
      const contact = await request.post(`${base}/contacts`, { data: { name } });
      const { source_id: sourceId } = (await contact.json()) as { source_id: string };
      const conversation = await request.post(`${base}/contacts/${sourceId}/conversations`, { data: {} });
      const { id: displayId } = (await conversation.json()) as { id: number };
      const say = async (content: string) => expect((await request.post(`${base}/contacts/${sourceId}/conversations/${displayId}/messages`, { data: { content } })).status()).toBe(200);
      await say("Is anyone there?");
      for (const w of [admin, sam]) {
        await expect(w.app.conversationWith(name)).toBeVisible();
        await w.app.conversationWith(name).click();
        await expect(w.pane.message("Is anyone there?")).toBeVisible();
      }

      await say("I need help with an order");
      for (const w of [admin, sam]) await expect(w.pane.message("I need help with an order")).toBeVisible();

      // The administrator answers with the composer; Sam sees the answer without reloading.
      const reply = `Happy to help — which order? ${token()}`;
      await admin.pane.composer.fill(reply);
      await admin.page.keyboard.press("Enter");
      await expect(admin.pane.message(reply)).toHaveCount(1);
      await expect(sam.pane.message(reply)).toBeVisible();
      await expect(sam.pane.message(reply)).toHaveCount(1);

      // … and hands it to Sam, whose header follows.
      await admin.pane.assign(demoAgents[0].name);
      await expect(sam.pane.assigneeButton()).toHaveAccessibleName(`Assignee: ${demoAgents[0].name}`);

      // Sam starts a reply: the administrator sees a colleague typing, so they do not both answer.
      await sam.pane.composer.pressSequentially("Let me look");
      await expect(admin.pane.typing(demoAgents[0].name)).toBeVisible();

      // Sam resolves it by keyboard; the administrator's header follows.
      await sam.page.keyboard.press("Alt+E");
      await expect(sam.pane.status).toHaveText("Resolved");
      await expect(admin.pane.status).toHaveText("Resolved");
    } finally {
      await admin.context.close();
      await sam.context.close();
    }
  });

  test("after the stream drops, the open conversation shows what happened in the gap (E5)", async ({ page, request, signIn, seededAdmin }) => {
    const base = `/public/api/v1/inboxes/${spec.websiteToken}`;
    const contact = await request.post(`${base}/contacts`, { data: { name: `Gap Visitor ${token()}` } });
    const { source_id: sourceId } = (await contact.json()) as { source_id: string };
    const { id: displayId } = (await (await request.post(`${base}/contacts/${sourceId}/conversations`, { data: {} })).json()) as { id: number };
    const say = async (content: string) => expect((await request.post(`${base}/contacts/${sourceId}/conversations/${displayId}/messages`, { data: { content } })).status()).toBe(200);
    await say("before the gap");

    const app = await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    const streamUp = page.waitForResponse((r) => r.url().includes("/api/v1/stream") && r.status() === 200);
    await pane.open(spec.accountId, displayId);
    await streamUp;
    await expect(pane.message("before the gap")).toBeVisible();

    await page.route("**/api/v1/stream*", (route) => route.abort());
    await drainStreams(request);
    await expect(app.reconnecting).toBeVisible();
    await say("said during the gap");
    const resolved = await request.post(`/api/v1/accounts/${spec.accountId}/conversations/${displayId}/toggle_status`, { headers: { api_access_token: spec.apiToken }, data: { status: "resolved" } });
    expect(resolved.status()).toBe(200);
    await page.unroute("**/api/v1/stream*");

    await expect(app.reconnecting).toHaveCount(0, { timeout: 30_000 });
    await expect(pane.message("said during the gap")).toHaveCount(1);
    await expect(pane.status).toHaveText("Resolved");
  });
});
