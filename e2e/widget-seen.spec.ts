import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { expect, test } from "./fixtures";
import { ThirdPartySite, WidgetOnPage } from "./pages/widget-host-page";

/**
 * W2/E7 live read marks: when an agent opens the conversation (the operator app calls
 * update_last_seen), the visitor's message turns from "Sent" to "Seen" in the widget without a reload
 * and without an answer — and the mark says nothing about which agent read it.
 */
const token = () => randomBytes(18).toString("base64url");

test.describe("visitor widget read marks", () => {
  const parleyUrl = process.env.PARLEY_E2E_BASE_URL!;
  let db: Client;
  let accountId: number;
  const api = { api_access_token: "" };
  const sites: ThirdPartySite[] = [];

  test.beforeAll(async () => {
    db = new Client({ connectionString: process.env.PARLEY_E2E_DATABASE_URL });
    await db.connect();
    const { rows: [admin] } = await db.query(
      "select u.access_token, au.account_id from users u join account_users au on au.user_id = u.id where lower(u.email) = lower($1)",
      [process.env.SEED_ADMIN_EMAIL ?? "admin@example.com"],
    );
    accountId = admin.account_id;
    api.api_access_token = admin.access_token;
  });

  test.afterAll(async () => {
    await Promise.all(sites.map((s) => s.close()));
    await db?.end();
  });

  test("an agent reading the conversation turns the visitor's message to Seen live", async ({ page, request }) => {
    // An inbox of its own, so no other journey changes the settings this one runs under.
    const { rows: [inbox] } = await db.query("insert into inboxes (account_id, name, enable_email_collect) values ($1, $2, false) returning id", [accountId, `E2E seen ${token()}`]);
    const websiteToken = token();
    await db.query("insert into web_widgets (account_id, inbox_id, website_url, website_token, hmac_token) values ($1, $2, 'https://shop.example', $3, $4)", [accountId, inbox.id, websiteToken, token()]);
    const site = await ThirdPartySite.start({ parleyUrl, websiteToken });
    sites.push(site);

    const widget = new WidgetOnPage(page);
    await widget.goto(site);
    await widget.open();
    await widget.say("Is anyone reading this?");
    const mine = widget.messages.getByRole("listitem").filter({ hasText: "Is anyone reading this?" });
    await expect(mine).toContainText("Sent");

    const { rows: [conv] } = await db.query("select display_id from conversations where inbox_id = $1", [inbox.id]);
    const seen = await request.post(`/api/v1/accounts/${accountId}/conversations/${conv.display_id}/update_last_seen`, { headers: api, data: {} });
    expect(seen.ok()).toBe(true);

    await expect(mine).toContainText("Seen");
    await expect(mine).not.toContainText("Sent");
    // Only the mark: no agent name appeared anywhere in the chat.
    const { rows: [agent] } = await db.query("select name from users where lower(email) = lower($1)", [process.env.SEED_ADMIN_EMAIL ?? "admin@example.com"]);
    await expect(widget.messages).not.toContainText(agent.name);
  });
});
