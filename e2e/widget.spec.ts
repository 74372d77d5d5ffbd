import { createHmac, randomBytes } from "node:crypto";
import { connectStream, type StreamClient, type StreamMessage } from "@/lib/realtime/stream-client";
import { expect, test } from "./fixtures";
import { type ThirdPartySite, WidgetOnPage } from "./pages/widget-host-page";
import { setUpHostSites } from "./support/host-sites";
import { createSpecInbox, readSeededAdmin, setUpSpecDatabase } from "./support/spec-inbox";

/**
 * The visitor widget end to end (SPEC W1–W6, E4, E5, B5): a third party's page on another origin
 * embeds the snippet; the visitor chats with an agent who uses the Application API and its stream.
 */
type Inbox = { inboxId: number; websiteToken: string; hmacToken: string; site: ThirdPartySite };

const PRE_CHAT = {
  pre_chat_message: "Tell us who you are",
  pre_chat_fields: [
    { name: "fullName", label: "Full name", type: "text", required: true, enabled: true },
    { name: "emailAddress", label: "Email address", type: "email", required: true, enabled: true },
  ],
};

const token = () => randomBytes(18).toString("base64url");

// Each test gets a website inbox of its own in the seeded account, so no other test (or a repeat of
// this one in another worker) can change the settings it runs under.
test.describe("visitor widget on a third-party site", () => {
  const spec = setUpSpecDatabase();
  const sites = setUpHostSites();
  const { parleyUrl } = sites;
  let accountId: number;
  let apiToken: string;
  const api = { api_access_token: "" };

  test.beforeAll(async () => {
    ({ accountId, apiToken } = await readSeededAdmin(spec.db));
    api.api_access_token = apiToken;
  });

  /** A website inbox with the given widget settings and the seeded agents as members, embedded on a site of its own. */
  async function widgetInbox(widget: { preChat?: boolean; hmacMandatory?: boolean; allowedDomains?: (siteOrigin: string) => string; script?: (hmacToken: string) => string } = {}): Promise<Inbox> {
    const { inboxId, websiteToken, hmacToken } = await createSpecInbox(spec.db, {
      name: "E2E widget",
      greeting: "Hi! Ask us anything.",
      agentMembers: true,
      widget: { welcomeTitle: "Hi there!", preChatForm: { enabled: widget.preChat ?? false, options: PRE_CHAT }, hmacMandatory: widget.hmacMandatory ?? false },
    });
    const site = await sites.start({ websiteToken, script: widget.script?.(hmacToken) });
    if (widget.allowedDomains) await spec.db.query("update web_widgets set allowed_domains = $2 where inbox_id = $1", [inboxId, widget.allowedDomains(site.origin)]);
    return { inboxId, websiteToken, hmacToken, site };
  }

  /** The seeded administrator's operator stream (E4), read from Node with the api_access_token header. */
  function agentStream(): { client: StreamClient; got: StreamMessage[] } {
    const got: StreamMessage[] = [];
    const client = connectStream({ url: `${parleyUrl}/api/v1/stream`, headers: { api_access_token: apiToken }, onMessage: (m) => got.push(m) });
    return { client, got };
  }
  const created = (got: StreamMessage[]) => got.filter((m) => m.event === "message.created").map((m) => (JSON.parse(m.data) as { content: string }).content);

  test("a visitor chats with an agent live; nothing but the loader before the click; reload, a second tab and going offline keep every message", async ({ page, context, request }) => {
    const { inboxId, site } = await widgetInbox({ preChat: true });
    const toParley: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(parleyUrl)) toParley.push(new URL(r.url()).pathname);
    });
    const widget = new WidgetOnPage(page);
    await widget.goto(site);
    await page.waitForLoadState("networkidle");
    // W1: before the visitor clicks, the loader is the only request and there is no iframe.
    expect(toParley).toEqual(["/widget.js"]);
    await expect(page.locator("iframe")).toHaveCount(0);

    const agent = agentStream();
    try {
      await expect.poll(() => agent.got.some((m) => m.event === "ready")).toBe(true);
      await widget.open();
      const email = `wendy-${Date.now()}@example.com`;
      await widget.frame.getByLabel("Full name").fill("Wendy Visitor");
      await widget.frame.getByLabel("Email address").fill(email);
      await widget.frame.getByRole("textbox", { name: "Message" }).fill("Hello from the shop");
      await widget.frame.getByRole("button", { name: "Start conversation" }).click();
      await expect(widget.message("Hello from the shop")).toBeVisible();

      // Stored and visible through the Application API, and live on the agent's stream.
      const {
        rows: [conv],
      } = await spec.db.query(
        "select c.display_id, c.additional_attributes->>'referer' as referer from conversations c join contacts k on k.id = c.contact_id where c.inbox_id = $1 and k.email = $2 order by c.id desc limit 1",
        [inboxId, email],
      );
      // The page the visitor was on is kept for agents (the host page's URL, handed over by message).
      expect(conv.referer).toBe(`${site.origin}/`);
      const messagesUrl = `/api/v1/accounts/${accountId}/conversations/${conv.display_id}/messages`;
      const listed = await request.get(messagesUrl, { headers: api });
      expect(listed.ok()).toBe(true);
      expect(((await listed.json()) as { payload: { content: string }[] }).payload.map((m) => m.content)).toContain("Hello from the shop");
      await expect.poll(() => created(agent.got)).toContain("Hello from the shop");

      // The agent's reply appears in the widget live; typing shows both ways.
      expect((await request.post(messagesUrl, { headers: api, data: { content: "Hi Wendy, how can I help?" } })).ok()).toBe(true);
      await expect(widget.message("Hi Wendy, how can I help?")).toBeVisible();
      // The visitor's message now carries a read mark (W2): an agent has answered after it.
      await expect(widget.messages.getByRole("listitem").filter({ hasText: "Hello from the shop" })).toContainText("Seen");
      await request.post(`/api/v1/accounts/${accountId}/conversations/${conv.display_id}/toggle_typing_status`, { headers: api, data: { typing_status: "on" } });
      await expect(widget.frame.getByText(/is typing…/)).toBeVisible();
      await widget.composer.pressSequentially("I need");
      await expect.poll(() => agent.got.some((m) => m.event === "conversation.typing_on" && (JSON.parse(m.data) as { user: { type: string } }).user.type === "contact")).toBe(true);
      await widget.composer.fill("");
      await widget.say("One more thing");

      // W4: reload keeps the conversation; a second tab shows the same messages.
      await page.reload();
      await widget.open();
      await expect(widget.message("Hi Wendy, how can I help?")).toBeVisible();
      await expect(widget.message("One more thing")).toBeVisible();
      const tab = new WidgetOnPage(await context.newPage());
      await tab.goto(site);
      await tab.open();
      await expect(tab.message("Hello from the shop")).toBeVisible();
      await expect(tab.message("Hi Wendy, how can I help?")).toBeVisible();

      // E5: offline, then online — what the agent said meanwhile arrives, nothing is missing.
      await context.setOffline(true);
      await request.post(messagesUrl, { headers: api, data: { content: "Sent while you were offline" } });
      await context.setOffline(false);
      await expect(widget.message("Sent while you were offline")).toBeVisible();
      await expect(tab.message("Sent while you were offline")).toBeVisible();

      // While the chat is closed, a reply shows as an unread badge on the bubble (W1).
      await page.getByRole("button", { name: "Close chat" }).click();
      await request.post(messagesUrl, { headers: api, data: { content: "Anything else?" } });
      await expect(page.getByRole("button", { name: "Open chat" })).toContainText("1");
      await page.getByRole("button", { name: "Open chat" }).click();
      await expect(widget.message("Anything else?")).toBeVisible();

      // M6: the visitor's messages are stored once each.
      const all = ((await (await request.get(messagesUrl, { headers: api })).json()) as { payload: { content: string }[] }).payload.map((m) => m.content);
      expect(all.filter((c) => c === "One more thing")).toHaveLength(1);
      expect(all.filter((c) => c === "Hello from the shop")).toHaveLength(1);
    } finally {
      agent.client.close();
    }
  });

  test("W3 identity: a wrong identifier_hash is refused when verification is mandatory; the right one shows the same history in a fresh browser", async ({ browser }) => {
    const identifier = `e2e-user-${token()}`;
    const snippet = (h: string) =>
      `addEventListener("parley:ready", function () { Parley.setUser(${JSON.stringify(identifier)}, { name: "Vera Verified", identifier_hash: ${JSON.stringify(h)} }); });`;
    const right = await widgetInbox({ hmacMandatory: true, script: (secret) => snippet(createHmac("sha256", secret).update(identifier).digest("hex")) });
    const rightSite = right.site;
    const wrongSite = await sites.start({ websiteToken: right.websiteToken, script: snippet("0".repeat(64)) });
    const contexts = [await browser.newContext(), await browser.newContext(), await browser.newContext()];
    try {
      const wrong = new WidgetOnPage(await contexts[0]!.newPage());
      await wrong.goto(wrongSite);
      await wrong.open();
      await expect(wrong.frame.getByText("We could not verify your identity.")).toBeVisible();
      expect((await spec.db.query("select 1 from contacts where identifier = $1", [identifier])).rowCount).toBe(0);

      const laptop = new WidgetOnPage(await contexts[1]!.newPage());
      await laptop.goto(rightSite);
      await laptop.open();
      await laptop.say("Hello, it is Vera");
      await expect.poll(async () => (await spec.db.query("select 1 from contacts where identifier = $1", [identifier])).rowCount).toBe(1);
      // AM3: the email-collect message asks for an email; the answer becomes the contact's.
      const email = `vera-${token().toLowerCase()}@example.com`;
      await laptop.frame.getByRole("textbox", { name: "Email" }).fill(email);
      await laptop.frame.getByRole("button", { name: "Save" }).click();
      await expect(laptop.message(email)).toBeVisible();
      await expect.poll(async () => (await spec.db.query("select email from contacts where identifier = $1", [identifier])).rows[0]?.email).toBe(email);

      const phone = new WidgetOnPage(await contexts[2]!.newPage());
      await phone.goto(rightSite);
      await phone.open();
      await expect(phone.message("Hello, it is Vera")).toBeVisible();
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });

  test("W1 W2 on a phone, by keyboard alone: the chat fills the screen, opens with Enter, takes focus, and Escape closes it back to the bubble", async ({ page }) => {
    const { site } = await widgetInbox();
    await page.setViewportSize({ width: 375, height: 740 });
    const widget = new WidgetOnPage(page);
    await widget.goto(site);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Open chat" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(widget.composer).toBeFocused();
    const box = await page.locator('iframe[title="Chat"]').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 740 });
    // Typing goes to the composer (not sent: W6 counts new conversations per IP, and this suite shares one).
    await page.keyboard.type("Typed without a mouse");
    await expect(widget.composer).toHaveValue("Typed without a mouse");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "Open chat" })).toBeFocused();
    await expect(page.locator('iframe[title="Chat"]')).toBeHidden();
  });

  test("W5 framing: an allowed origin embeds the widget, any other is refused by frame-ancestors", async ({ page, request }) => {
    const { websiteToken, site } = await widgetInbox({ allowedDomains: (origin) => origin });
    const res = await request.get(`/widget?website_token=${websiteToken}`);
    expect(res.headers()["content-security-policy"]).toMatch(new RegExp(`^frame-ancestors ${site.origin.replace(/[.:/]/g, "\\$&")};`));
    expect(res.headers()["x-frame-options"]).toBeUndefined();
    // Every other route still refuses framing (next.config.ts; app pages: the nonce policy of proxy.ts).
    const login = await request.get("/login");
    expect(login.headers()["x-frame-options"]).toBe("DENY");
    expect(login.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    const other = await sites.start({ websiteToken, host: "127.0.0.1" });
    const widget = new WidgetOnPage(page);
    await widget.goto(site);
    await widget.open();
    await expect(widget.composer).toBeVisible();

    const refused = page.waitForEvent("console", (m) => m.text().includes("frame-ancestors"));
    await widget.goto(other);
    await page.getByRole("button", { name: "Open chat" }).click();
    await refused;
    await expect(widget.composer).toHaveCount(0);
  });
});
