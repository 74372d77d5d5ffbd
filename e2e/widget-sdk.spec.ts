import { createHmac, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { WidgetOnPage } from "./pages/widget-host-page";
import { setUpHostSites } from "./support/host-sites";
import { afterSeenSecond } from "./support/seen-second";
import { createSpecInbox, readSeededAdmin, setUpSpecDatabase } from "./support/spec-inbox";

/**
 * Chatwoot's website SDK drop-in (SD1–SD3) and the returning visitor's unread bubble (W7): a third
 * party's page embeds Chatwoot's snippet exactly as Chatwoot's settings page prints it, with only
 * BASE_URL pointing at Parley, and drives the chat through `window.$chatwoot` and `chatwoot:*` events.
 */
const chatwootSnippet = (baseUrl: string, websiteToken: string) => `<script>
  (function(d,t) {
    var BASE_URL="${baseUrl}";
    var g=d.createElement(t),s=d.getElementsByTagName(t)[0];
    g.src=BASE_URL+"/packs/js/sdk.js";
    g.defer = true;
    g.async = true;
    s.parentNode.insertBefore(g,s);
    g.onload=function(){
      window.chatwootSDK.run({
        websiteToken: '${websiteToken}',
        baseUrl: BASE_URL
      })
    }
  })(document,"script");
</script>`;

const events = (page: Page) => page.evaluate(() => (window as unknown as { seen: { name: string; detail: unknown }[] }).seen);

test.describe("Chatwoot's website snippet pointed at Parley", () => {
  const spec = setUpSpecDatabase();
  const sites = setUpHostSites();
  const { parleyUrl } = sites;
  const api = { api_access_token: "" };
  let accountId: number;

  test.beforeAll(async () => {
    const admin = await readSeededAdmin(spec.db);
    accountId = admin.accountId;
    api.api_access_token = admin.apiToken;
  });

  async function chatwootSite(settings: Record<string, unknown>, script = "") {
    const inbox = await createSpecInbox(spec.db, { name: "E2E SDK", agentMembers: true, widget: { welcomeTitle: "Hi there!" } });
    await spec.db.query("update web_widgets set widget_color = '#7a1fa2' where inbox_id = $1", [inbox.inboxId]);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title></head><body><h1>Acme shop</h1>
<script>window.seen = []; ["ready", "opened", "closed", "on-message", "error"].forEach(function (n) { addEventListener("chatwoot:" + n, function (e) { window.seen.push({ name: n, detail: e.detail }); }); });
window.chatwootSettings = ${JSON.stringify(settings)};
${script}</script>
${chatwootSnippet(parleyUrl, inbox.websiteToken)}</body></html>`;
    return { ...inbox, site: await sites.start({ websiteToken: inbox.websiteToken, html }) };
  }

  async function agentReply(inboxId: number, content: string) {
    // The visitor's message may still be on its way: wait for its conversation.
    const find = async () => (await spec.db.query("select display_id from conversations where inbox_id = $1 order by id desc limit 1", [inboxId])).rows;
    await expect.poll(async () => (await find()).length).toBe(1);
    const rows = await find();
    const res = await fetch(`${parleyUrl}/api/v1/accounts/${accountId}/conversations/${rows[0].display_id}/messages`, {
      method: "POST",
      headers: { ...api, "content-type": "application/json" },
      body: JSON.stringify({ content }),
    });
    expect(res.ok).toBe(true);
  }

  test("SD1 SD2 the snippet gets Parley's widget: $chatwoot.toggle, setUser, chatwoot:* events, on-message on the agent's reply", async ({ page }) => {
    const identifier = `sdk-${randomBytes(6).toString("hex")}`;
    const inbox = await chatwootSite({ position: "left", type: "expanded_bubble", launcherTitle: "Talk to us" });
    const hash = createHmac("sha256", inbox.hmacToken).update(identifier).digest("hex");
    await page.goto(`${inbox.site.origin}/`);
    const bubble = page.getByRole("button", { name: "Open chat" });
    await expect(bubble).toBeVisible();
    // /packs/js/sdk.js is the loader; chatwootSettings: left side, the launcher title beside the icon.
    await expect(bubble).toContainText("Talk to us");
    const box = (await bubble.boundingBox())!;
    expect(box.x).toBeLessThan(100);
    await expect.poll(async () => (await events(page)).map((e) => e.name)).toContain("ready");

    await page.evaluate(
      ([id, h]) => (window as unknown as { $chatwoot: { setUser(i: string, u: object): void } }).$chatwoot.setUser(id!, { name: "Ada Lovelace", email: "ada@example.com", identifier_hash: h }),
      [identifier, hash],
    );
    // toggle("open") opens, toggle("close") closes (it used to open), toggle() flips.
    const widget = new WidgetOnPage(page);
    const frame = page.locator("iframe.parley-frame");
    await page.evaluate(() => (window as unknown as { $chatwoot: { toggle(s?: string): void } }).$chatwoot.toggle("open"));
    await expect(frame).toBeVisible();
    await expect(widget.frame.getByRole("heading", { name: "Hi there!" })).toBeVisible();
    await page.evaluate(() => (window as unknown as { $chatwoot: { toggle(s?: string): void } }).$chatwoot.toggle("close"));
    await expect(frame).toBeHidden();
    await page.evaluate(() => (window as unknown as { $chatwoot: { toggle(s?: string): void } }).$chatwoot.toggle("close"));
    await expect(frame).toBeHidden();
    await page.evaluate(() => (window as unknown as { $chatwoot: { toggle(s?: string): void } }).$chatwoot.toggle());
    await expect(frame).toBeVisible();
    expect((await events(page)).map((e) => e.name).filter((n) => n === "opened" || n === "closed")).toEqual(["opened", "closed", "opened"]);
    // The bubble took the inbox colour from the iframe.
    await expect(page.locator(".parley-bubble")).toHaveCSS("background-color", "rgb(122, 31, 162)");

    await widget.say("Hello from a Chatwoot site");
    // setUser identified the visitor (verified by identifier_hash): the contact carries the identifier, name and email.
    await expect.poll(async () => (await spec.db.query("select name, email from contacts where identifier = $1", [identifier])).rows[0]).toEqual({ name: "Ada Lovelace", email: "ada@example.com" });
    await agentReply(inbox.inboxId, "Hello Ada, how can we help?");
    await expect(widget.message("Hello Ada, how can we help?")).toBeVisible();
    await expect
      .poll(async () => (await events(page)).filter((e) => e.name === "on-message").map((e) => (e.detail as { content: string; message_type: number }).content))
      .toContain("Hello Ada, how can we help?");

    // SD3: labels and conversation attributes through $chatwoot reach the conversation.
    await spec.db.query("insert into labels (account_id, title) values ($1, 'from-sdk') on conflict do nothing", [accountId]);
    await page.evaluate(() => {
      const cw = (window as unknown as { $chatwoot: { setLabel(l: string): void; setConversationCustomAttributes(a: object): void } }).$chatwoot;
      cw.setLabel("from-sdk");
      cw.setConversationCustomAttributes({ plan: "pro" });
    });
    await expect
      .poll(async () => (await spec.db.query("select labels, custom_attributes from conversations where inbox_id = $1 order by id desc limit 1", [inbox.inboxId])).rows[0])
      .toEqual({ labels: ["from-sdk"], custom_attributes: { plan: "pro" } });
  });

  test("W7 a returning visitor sees the unread count and the first words of a reply on the closed bubble, on every page load", async ({ page }) => {
    const inbox = await chatwootSite({});
    await page.goto(`${inbox.site.origin}/`);
    const widget = new WidgetOnPage(page);
    await widget.open();
    await widget.say("Is the blue kettle in stock?");
    await page.getByRole("button", { name: "Close chat" }).click();
    await page.reload();
    await expect(page.getByRole("button", { name: "Open chat" })).toBeVisible();
    // Closing may have marked an automatic message seen: the reply must come in a later second.
    await afterSeenSecond(spec.db, inbox.inboxId);
    await agentReply(inbox.inboxId, "Yes, we have three blue kettles left in the Oslo store");
    const preview = page.locator(".parley-preview");
    await expect(preview).toContainText("Yes, we have three blue kettles");
    await expect(page.getByRole("button", { name: "Open chat" })).toContainText("1");
    // Another page load before reading it: still unread.
    await page.reload();
    await expect(preview).toContainText("Yes, we have three blue kettles");
    await expect(page.getByRole("button", { name: "Open chat" })).toContainText("1");
    // Opening reads it; the next page load shows no badge.
    await preview.click();
    await expect(widget.message("Yes, we have three blue kettles left in the Oslo store")).toBeVisible();
    await expect(preview).toBeHidden();
    await page.getByRole("button", { name: "Close chat" }).click();
    const seen = "select c.contact_last_seen_at >= max(m.created_at) as seen from conversations c join messages m on m.conversation_id = c.id where c.inbox_id = $1 group by c.id";
    await expect.poll(async () => (await spec.db.query(seen, [inbox.inboxId])).rows[0]?.seen).toBe(true);
    await page.reload();
    await expect(page.getByRole("button", { name: "Open chat" })).toBeVisible();
    // The hidden chat has loaded the conversation (and so counted what is unread): no preview, no badge.
    await expect(page.frameLocator("iframe.parley-frame").locator(".pw-msg").first()).toBeAttached();
    await expect(preview).toBeHidden();
    await expect(page.getByRole("button", { name: "Open chat" })).not.toContainText("1");
  });

  test("SD1 /packs/js/sdk.js is the loader", async ({ request }) => {
    const [sdk, loader] = await Promise.all([request.get(`${parleyUrl}/packs/js/sdk.js`), request.get(`${parleyUrl}/widget.js`)]);
    expect(sdk.status()).toBe(200);
    expect(sdk.headers()["content-type"]).toMatch(/javascript/);
    expect(await sdk.text()).toBe(await loader.text());
  });
});
