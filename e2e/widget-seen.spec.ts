import { expect, test } from "./fixtures";
import { WidgetOnPage } from "./pages/widget-host-page";
import { setUpHostSites } from "./support/host-sites";
import { createSpecInbox, setUpSpecDatabase } from "./support/spec-inbox";

/**
 * W2/E7 live read marks: when an agent opens the conversation (the operator app calls
 * update_last_seen), the visitor's message turns from "Sent" to "Seen" in the widget without a reload
 * and without an answer — and the mark says nothing about which agent read it.
 */
test.describe("visitor widget read marks", () => {
  const spec = setUpSpecDatabase();
  const sites = setUpHostSites();

  test("an agent reading the conversation turns the visitor's message to Seen live", async ({ page, request }) => {
    // An inbox of its own, so no other journey changes the settings this one runs under.
    const { accountId, apiToken, inboxId, websiteToken } = await createSpecInbox(spec.db, { name: "E2E seen", emailCollect: false });
    const site = await sites.start({ websiteToken });

    const widget = new WidgetOnPage(page);
    await widget.goto(site);
    await widget.open();
    await widget.say("Is anyone reading this?");
    const mine = widget.messages.getByRole("listitem").filter({ hasText: "Is anyone reading this?" });
    await expect(mine).toContainText("Sent");

    const {
      rows: [conv],
    } = await spec.db.query("select display_id from conversations where inbox_id = $1", [inboxId]);
    const seen = await request.post(`/api/v1/accounts/${accountId}/conversations/${conv.display_id}/update_last_seen`, { headers: { api_access_token: apiToken }, data: {} });
    expect(seen.ok()).toBe(true);

    await expect(mine).toContainText("Seen");
    await expect(mine).not.toContainText("Sent");
    // Only the mark: no agent name appeared anywhere in the chat.
    const {
      rows: [agent],
    } = await spec.db.query("select name from users where lower(email) = lower($1)", [process.env.SEED_ADMIN_EMAIL ?? "admin@example.com"]);
    await expect(widget.messages).not.toContainText(agent.name);
  });
});
