import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { WidgetOnPage } from "./pages/widget-host-page";
import { setUpHostSites } from "./support/host-sites";
import { afterSeenSecond } from "./support/seen-second";
import { createSpecInbox, readSeededAdmin, setUpSpecDatabase } from "./support/spec-inbox";

/**
 * The widget's polish (W8, W9, W10): the home card, grouped messages with date separators, interactive
 * messages answered as Chatwoot's widget answers them, ending with a confirmation, the host's dark mode
 * and title flash. Screenshots for docs/screenshots/ are taken on the way.
 */
test.describe("widget home, conversation and host options", () => {
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

  async function site(settings: Record<string, unknown> = {}) {
    const inbox = await createSpecInbox(spec.db, { name: "E2E home", agentMembers: true, widget: { welcomeTitle: "Hi there!" } });
    await spec.db.query("update web_widgets set welcome_tagline = 'We usually answer within minutes', reply_time = 'in_a_few_minutes' where inbox_id = $1", [inbox.inboxId]);
    return { ...inbox, site: await sites.start({ websiteToken: inbox.websiteToken, settings }) };
  }

  async function agentSays(inboxId: number, body: Record<string, unknown>) {
    // The visitor's message may still be on its way: wait for its conversation.
    const find = async () => (await spec.db.query("select display_id from conversations where inbox_id = $1 order by id desc limit 1", [inboxId])).rows;
    await expect.poll(async () => (await find()).length).toBe(1);
    const rows = await find();
    const res = await fetch(`${parleyUrl}/api/v1/accounts/${accountId}/conversations/${rows[0].display_id}/messages`, {
      method: "POST",
      headers: { ...api, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.ok).toBe(true);
    return (await res.json()) as { id: number };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png` });

  /**
   * An inbox whose conversations carry only what people wrote (no email-collect message), where a
   * resolved conversation takes no more messages (the next one opens a new conversation).
   */
  async function quietSite(settings: Record<string, unknown> = {}) {
    const inbox = await createSpecInbox(spec.db, { name: "E2E history", agentMembers: true, emailCollect: false, widget: { welcomeTitle: "Hi there!" } });
    await spec.db.query("update inboxes set allow_messages_after_resolved = false where id = $1", [inbox.inboxId]);
    return { ...inbox, site: await sites.start({ websiteToken: inbox.websiteToken, settings }) };
  }

  async function resolveLatest(inboxId: number) {
    const { rows } = await spec.db.query("select display_id from conversations where inbox_id = $1 order by id desc limit 1", [inboxId]);
    const res = await fetch(`${parleyUrl}/api/v1/accounts/${accountId}/conversations/${rows[0].display_id}/toggle_status`, {
      method: "POST",
      headers: { ...api, "content-type": "application/json" },
      body: JSON.stringify({ status: "resolved" }),
    });
    expect(res.ok).toBe(true);
  }

  test("W9 W10 home card, grouped messages, an interactive answer and ending with a confirmation", async ({ page }) => {
    const inbox = await site();
    await page.setViewportSize({ width: 1024, height: 800 });
    const widget = new WidgetOnPage(page);
    await widget.goto(inbox.site);
    await widget.open();
    // The home card: the team, the reply time from the inbox setting, and a way in.
    await expect(widget.frame.getByRole("heading", { name: "Our team" })).toBeVisible();
    await expect(widget.frame.getByText("Typically replies in a few minutes").first()).toBeVisible();
    await expect(widget.frame.getByRole("button", { name: "Start a conversation" })).toBeVisible();
    await expect(widget.frame.locator(".pw-team .pw-avatar").first()).toBeVisible();
    // Icons are SVG, not emoji glyphs.
    await expect(widget.frame.getByRole("button", { name: "Emoji" }).locator("svg")).toBeVisible();
    await shot(page, "widget-home");
    await widget.frame.getByRole("button", { name: "Start a conversation" }).click();
    await expect(widget.composer).toBeFocused();

    await widget.say("Do you ship to Norway?");
    await expect(widget.frame.getByRole("heading", { name: "Our team" })).toBeHidden();
    await agentSays(inbox.inboxId, { content: "Yes, we do." });
    await agentSays(inbox.inboxId, { content: "Delivery takes three days." });
    await expect(widget.message("Delivery takes three days.")).toBeVisible();
    // One date separator, one avatar for the agent's two messages in a row.
    await expect(widget.frame.getByRole("separator").filter({ hasText: "Today" })).toHaveCount(1);
    await expect(widget.messages.getByRole("listitem").filter({ hasText: "Yes, we do." }).locator(".pw-avatar")).toHaveCount(1);
    await expect(widget.messages.getByRole("listitem").filter({ hasText: "Delivery takes three days." }).locator(".pw-avatar")).toHaveCount(0);

    // An input_select message: buttons; the answer goes back as Chatwoot's submitted_values.
    const question = await agentSays(inbox.inboxId, {
      content: "Shall we send a quote?",
      content_type: "input_select",
      content_attributes: {
        items: [
          { title: "Yes please", value: "yes" },
          { title: "No thanks", value: "no" },
        ],
      },
    });
    await widget.frame.getByRole("button", { name: "Yes please" }).click();
    await expect(widget.frame.getByText("You chose: Yes please")).toBeVisible();
    await expect
      .poll(async () => (await spec.db.query("select content_attributes->'submitted_values' as v from messages where id = $1", [question.id])).rows[0]?.v)
      .toEqual([{ title: "Yes please", value: "yes" }]);
    await shot(page, "widget-conversation");

    // Ending asks first; then the resolved state offers a new conversation.
    await widget.frame.getByRole("button", { name: "End conversation" }).click();
    await expect(widget.frame.getByText("End this conversation?")).toBeVisible();
    await widget.frame.getByRole("button", { name: "Cancel" }).click();
    await expect(widget.frame.getByText("End this conversation?")).toBeHidden();
    await widget.frame.getByRole("button", { name: "End conversation" }).click();
    await widget.frame.getByRole("button", { name: "Yes, end it" }).click();
    await expect(widget.frame.getByText("This conversation has been resolved.")).toBeVisible();
    await widget.frame.getByRole("button", { name: "Start a new conversation" }).click();
    await expect(widget.composer).toBeFocused();
  });

  test("W8 darkMode auto follows a dark system; the title flashes only when the host turned it on", async ({ browser }) => {
    const dark = await site({ darkMode: "auto", titleFlash: true });
    const context = await browser.newContext({ colorScheme: "dark", viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      const widget = new WidgetOnPage(page);
      await widget.goto(dark.site);
      await widget.open();
      await expect(widget.frame.locator("html.dark")).toHaveCount(1);
      await widget.say("Hello in the dark");
      await shot(page, "widget-dark-mobile");
      await widget.frame.getByRole("button", { name: "Close chat" }).click();
      // The page is hidden (another tab): the reply flashes the title.
      await page.evaluate(() => Object.defineProperty(document, "hidden", { configurable: true, get: () => true }));
      await agentSays(dark.inboxId, { content: "Here is the answer" });
      await expect(page.getByRole("button", { name: "Open chat" })).toContainText("1");
      await expect.poll(() => page.title()).toBe("(1) New message");
    } finally {
      await context.close();
    }

    const light = await site();
    const page = await browser.newPage({ colorScheme: "dark", viewport: { width: 390, height: 844 } });
    try {
      const widget = new WidgetOnPage(page);
      await widget.goto(light.site);
      await widget.open();
      await widget.say("Hello from a phone");
      // darkMode defaults to light whatever the system says.
      await expect(widget.frame.locator("html.dark")).toHaveCount(0);
      await shot(page, "widget-mobile");
      await widget.frame.getByRole("button", { name: "Close chat" }).click();
      await page.evaluate(() => Object.defineProperty(document, "hidden", { configurable: true, get: () => true }));
      await agentSays(light.inboxId, { content: "Hi there" });
      await expect(page.getByRole("button", { name: "Open chat" })).toContainText("1");
      expect(await page.title()).toBe("Acme shop");
    } finally {
      await page.close();
    }
  });

  test("W9 a returning visitor sees a resolved earlier conversation on the home card and opens it", async ({ page }) => {
    const inbox = await quietSite();
    await page.setViewportSize({ width: 1024, height: 800 });
    const widget = new WidgetOnPage(page);
    await widget.goto(inbox.site);
    await widget.open();
    await widget.say("Do you ship to Norway?");
    await agentSays(inbox.inboxId, { content: "Yes, we do." });
    await expect(widget.message("Yes, we do.")).toBeVisible();
    const seen = "select c.contact_last_seen_at >= max(m.created_at) as seen from conversations c join messages m on m.conversation_id = c.id where c.inbox_id = $1 group by c.id";
    await expect.poll(async () => (await spec.db.query(seen, [inbox.inboxId])).rows[0]?.seen).toBe(true);
    // A reply the visitor has not read (the chat is closed), then the agent resolves the conversation.
    // The reply must land in a later second than the seen to be told apart from it (see afterSeenSecond).
    await widget.frame.getByRole("button", { name: "Close chat" }).click();
    await afterSeenSecond(spec.db, inbox.inboxId);
    await agentSays(inbox.inboxId, { content: "Anything else I can help with?" });
    await expect(page.getByRole("button", { name: "Open chat" })).toContainText("1");
    await resolveLatest(inbox.inboxId);

    // Next visit: the home card lists it — last message, status, unread — and takes the keyboard.
    await page.reload();
    await widget.open();
    const conversations = widget.frame.getByRole("list", { name: "Your conversations" });
    const earlier = conversations.getByRole("button").filter({ hasText: "Anything else I can help with?" });
    await expect(earlier).toContainText("Resolved");
    await expect(earlier).toContainText("1 unread");
    await expect(widget.frame.getByRole("button", { name: "Start a conversation" })).toBeVisible();
    await expect(widget.messages).toBeHidden();
    await shot(page, "widget-home-history");
    await expect(earlier).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(widget.message("Do you ship to Norway?")).toBeVisible();
    await expect(widget.frame.getByText("This conversation has been resolved.")).toBeVisible();

    // A new conversation leaves the resolved one behind; both are on the home card, and the earlier
    // one opens read-only.
    await widget.frame.getByRole("button", { name: "Start a new conversation" }).click();
    await expect(widget.composer).toBeFocused();
    await widget.say("One more question");
    await expect(widget.message("Do you ship to Norway?")).toBeHidden();
    await expect.poll(async () => (await spec.db.query("select count(*)::int as n from conversations where inbox_id = $1", [inbox.inboxId])).rows[0].n).toBe(2);
    await widget.frame.getByRole("button", { name: "Back to home" }).click();
    await expect(conversations.getByRole("button")).toHaveCount(2);
    await expect(conversations.getByRole("button").first()).toContainText("One more question");
    await expect(widget.frame.getByRole("button", { name: "Continue the conversation" })).toBeVisible();
    await conversations.getByRole("button").filter({ hasText: "Anything else I can help with?" }).click();
    await expect(widget.message("Yes, we do.")).toBeVisible();
    await expect(widget.composer).toBeHidden();
    await widget.frame.getByRole("button", { name: "Back to home" }).click();
    await widget.frame.getByRole("button", { name: "Continue the conversation" }).click();
    await expect(widget.message("One more question")).toBeVisible();
    await expect(widget.composer).toBeFocused();
  });

  test("W8 the new-message sound plays on a reply while the page is hidden, only when the host turned it on", async ({ browser }) => {
    for (const { settings, plays } of [
      { settings: {}, plays: 0 },
      { settings: { newMessageSound: true }, plays: 1 },
    ]) {
      const inbox = await quietSite(settings);
      const context = await browser.newContext();
      // Every frame's audio is a counter: the widget's tone is Web Audio, a media element would be play().
      await context.addInitScript(() => {
        const win = window as unknown as { __plays: number; AudioContext: unknown; webkitAudioContext: unknown };
        win.__plays = 0;
        const node = { connect: (next: unknown) => next, start() {}, stop() {}, frequency: { value: 0 }, gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} } };
        class CountingAudio {
          currentTime = 0;
          destination = {};
          constructor() {
            win.__plays++;
          }
          createOscillator() {
            return node;
          }
          createGain() {
            return node;
          }
        }
        win.AudioContext = CountingAudio;
        win.webkitAudioContext = CountingAudio;
        HTMLMediaElement.prototype.play = () => (win.__plays++, Promise.resolve());
      });
      try {
        const page = await context.newPage();
        const widget = new WidgetOnPage(page);
        await widget.goto(inbox.site);
        await widget.open();
        await widget.say("Ring me when you answer");
        await widget.frame.getByRole("button", { name: "Close chat" }).click();
        const frame = page.frames().find((f) => f.url().includes("/widget?"))!;
        const played = () => frame.evaluate(() => (window as unknown as { __plays: number }).__plays);
        // The page in view: a reply makes no sound, whatever the setting.
        await agentSays(inbox.inboxId, { content: "First answer" });
        await expect(page.getByRole("button", { name: "Open chat" })).toContainText("1");
        expect(await played()).toBe(0);
        // The page hidden (another tab): the tone only where the host asked for it. The badge is set
        // in the same step as the tone, so once it shows the count is final.
        await frame.evaluate(() => Object.defineProperty(document, "hidden", { configurable: true, get: () => true }));
        await agentSays(inbox.inboxId, { content: "Second answer" });
        await expect(page.getByRole("button", { name: "Open chat" })).toContainText("2");
        expect(await played()).toBe(plays);
      } finally {
        await context.close();
      }
    }
  });
});
