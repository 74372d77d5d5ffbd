import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import { demoAgents } from "@/scripts/seed/demo-data";
import { expect, test, type Credentials } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { LoginPage } from "./pages/login-page";
import { OperatorAppPage } from "./pages/operator-app-page";
import { setUpSpecInbox } from "./support/spec-inbox";

/**
 * NT2, NT3, NT5: an administrator mentions a colleague in a private note with the `@` picker; the
 * colleague, in a browser of their own, sees the notification arrive live and opens the conversation
 * from it, where the mention shows as a highlighted name.
 */
const token = () => randomBytes(9).toString("base64url");

test.describe("mentions and notifications (NT2, NT5)", () => {
  const spec = setUpSpecInbox({ name: "E2E mentions", autoAssignment: false, agentMembers: true });

  async function agentWindow(browser: Browser, who: Credentials) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await new LoginPage(page).goto();
    await new LoginPage(page).signIn(who);
    const app = new OperatorAppPage(page);
    await expect(app.sidebar).toBeVisible();
    return { context, page, app, pane: new ConversationPage(page) };
  }

  test("mentioning a colleague notifies them live; the notification opens the conversation", async ({ browser, request, seededAdmin, seededAgent }) => {
    test.setTimeout(60_000);
    const base = `/public/api/v1/inboxes/${spec.websiteToken}`;
    const contact = await request.post(`${base}/contacts`, { data: { name: `Mention Visitor ${token()}` } });
    const { source_id: sourceId } = (await contact.json()) as { source_id: string };
    const { id: displayId } = (await (await request.post(`${base}/contacts/${sourceId}/conversations`, { data: {} })).json()) as { id: number };
    await request.post(`${base}/contacts/${sourceId}/conversations/${displayId}/messages`, { data: { content: "My invoice is wrong" } });

    const admin = await agentWindow(browser, seededAdmin);
    const sam = await agentWindow(browser, seededAgent);
    try {
      // Sam's panel is open before the mention is written: what arrives, arrives live.
      const bell = sam.app.sidebar.getByRole("button", { name: /^Notifications/ });
      await bell.click();
      const panel = sam.page.getByRole("region", { name: "Notifications" });
      await expect(panel.getByText(/Nothing new|mentioned|assigned|New message/).first()).toBeVisible();

      await admin.pane.open(spec.accountId, displayId);
      await expect(admin.pane.message("My invoice is wrong")).toBeVisible();
      await admin.pane.pane.getByRole("tab", { name: "Note" }).click();
      const first = demoAgents[0].name.split(" ")[0]!;
      await admin.pane.composer.pressSequentially(`@${first.slice(0, 3)}`);
      await admin.pane.pane
        .getByRole("listbox", { name: "Mention a colleague" })
        .getByRole("option", { name: new RegExp(`^@${demoAgents[0].name}`) })
        .click();
      const note = `can you check this? ${token()}`;
      await admin.pane.composer.pressSequentially(note);
      await admin.page.keyboard.press("Enter");
      await expect(admin.pane.message(note)).toHaveCount(1);
      await expect(admin.pane.message(note).locator(".mention")).toHaveText(`@${demoAgents[0].name}`);

      // Without a reload, Sam's panel shows who mentioned them where, and the bell counts it.
      const item = panel.getByTestId("notification").filter({ hasText: `mentioned you in #${displayId}` });
      await expect(item).toBeVisible();
      await expect(item).toContainText("unread");
      await expect(bell).toHaveAccessibleName(/^Notifications, \d+ unread$/);
      await sam.page.screenshot({ path: "test-results/notifications-panel.png" });
      await item.click();
      await expect(sam.pane.message(note)).toBeVisible();
      await expect(sam.pane.message(note).locator(".mention")).toHaveText(`@${demoAgents[0].name}`);
      await bell.click();
      await expect(panel.getByTestId("notification").filter({ hasText: `mentioned you in #${displayId}` })).not.toContainText("unread");
    } finally {
      await admin.context.close();
      await sam.context.close();
    }
  });
});
