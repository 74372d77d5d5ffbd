import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { demoAgents } from "@/scripts/seed/demo-data";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { WidgetOnPage } from "./pages/widget-host-page";
import { setUpHostSites } from "./support/host-sites";
import { createSpecInbox, readSeededAdmin, setUpSpecDatabase } from "./support/spec-inbox";

/**
 * An agent bot end to end (AB3, AB4, AB6): a visitor writes in a website inbox with a bot; the bot (a
 * real HTTP server here) gets the message, answers through the Application API with its own token —
 * the visitor sees the answer under the bot's name — and hands off; the conversation is then open and
 * auto-assigned to the inbox's agent, who sees it with the bot's answer in the thread.
 */
type Event = { event: string; message_type?: string; conversation?: { id: number } };
const shots = process.env.PARLEY_SCREENSHOTS_DIR;

test.describe("agent bot", () => {
  const spec = setUpSpecDatabase();
  const sites = setUpHostSites();

  test("a bot answers a new widget conversation and hands it to an agent", async ({ page, browser, signIn, seededAgent }) => {
    // Two browsers, a bot and the delivery worker's ticks: more than the default 30 s on a busy machine.
    test.setTimeout(90_000);
    const { parleyUrl } = sites;
    const { accountId, apiToken } = await readSeededAdmin(spec.db);
    const { inboxId, websiteToken } = await createSpecInbox(spec.db, { name: "E2E bot", autoAssignment: true, emailCollect: false });
    // Only Sam works this inbox, so the hand-off can go to no one else.
    await spec.db.query("insert into inbox_members (account_id, inbox_id, user_id) select $1, $2, id from users where lower(email) = lower($3)", [accountId, inboxId, seededAgent.email]);
    const app = (path: string, token: string, body: unknown) =>
      fetch(`${parleyUrl}/api/v1/accounts/${accountId}${path}`, { method: "POST", headers: { api_access_token: token, "content-type": "application/json" }, body: JSON.stringify(body) });

    // The bot: answers the visitor's first message, then hands the conversation off.
    const got: Event[] = [];
    let botToken = "";
    const handled: Promise<unknown>[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        const e = JSON.parse(body) as Event;
        got.push(e);
        res.writeHead(200).end("ok");
        if (e.event === "message_created" && e.message_type === "incoming" && e.conversation) {
          const path = `/conversations/${e.conversation.id}`;
          handled.push(
            (async () => {
              await app(`${path}/messages`, botToken, { content: "Hi! I'm Botty. Let me find a human for you." });
              await app(`${path}/toggle_status`, botToken, { status: "open" });
            })(),
          );
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    try {
      const created = await app("/agent_bots", apiToken, { name: "Botty", outgoing_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bot` });
      expect(created.status).toBe(200);
      const bot = (await created.json()) as { id: number; access_token: string };
      botToken = bot.access_token;
      expect((await app(`/inboxes/${inboxId}/set_agent_bot`, apiToken, { agent_bot: bot.id })).status).toBe(200);

      // Sam is signed in (and so present) before the visitor writes.
      await signIn(seededAgent);
      const visitorContext = await browser.newContext();
      const widget = new WidgetOnPage(await visitorContext.newPage());
      const site = await sites.start({ websiteToken });
      await widget.goto(site);
      await widget.open();
      await widget.say("I need help with my order");
      await expect(widget.message("Hi! I'm Botty. Let me find a human for you.")).toBeVisible({ timeout: 20_000 });
      // Under the bot's name (the widget writes "Botty · <time>" above its message).
      await expect(widget.messages.getByText(/^Botty\b/).first()).toBeVisible();
      expect(got.map((e) => e.event)).toContain("webwidget_triggered");
      expect(got.map((e) => e.event)).toContain("conversation_created");

      await Promise.all(handled);
      const displayId = got.find((e) => e.event === "message_created")!.conversation!.id;
      const conversation = new ConversationPage(page);
      await conversation.open(accountId, displayId);
      await expect(conversation.thread.getByText("Hi! I'm Botty. Let me find a human for you.")).toBeVisible();
      await expect(conversation.thread.getByText("Conversation was reopened by Botty")).toBeVisible();
      await expect(conversation.assigneeButton()).toHaveAccessibleName(`Assignee: ${demoAgents[0].name}`, { timeout: 20_000 });
      await visitorContext.close();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test("an administrator adds a bot in Settings, sees its token once, attaches it to an inbox and creates an API inbox", async ({ page, signIn, seededAdmin }) => {
    const { accountId } = await readSeededAdmin(spec.db);
    const { inboxId } = await createSpecInbox(spec.db, { name: "E2E bot desk" });
    await signIn(seededAdmin);
    await page.goto(`/app/accounts/${accountId}/settings/agent-bots`);
    await expect(page.getByRole("heading", { name: "Agent bots" }).first()).toBeVisible();

    const name = `Helper ${Date.now()}`;
    const create = page.locator("form").filter({ has: page.getByRole("button", { name: "Add bot" }) });
    await create.getByLabel("Name", { exact: true }).fill(name);
    await create.getByLabel("Outgoing URL").fill("https://bots.example.com/parley");
    await create.getByRole("button", { name: "Add bot" }).click();
    const token = (await create.locator("code").textContent({ timeout: 15_000 }))?.trim() ?? "";
    expect(token).toMatch(/^bot_/);
    await page.reload();
    await expect(page.getByRole("region", { name, exact: true })).toBeVisible();
    await expect(page.getByText(token)).toHaveCount(0);

    await page.goto(`/app/accounts/${accountId}/settings/inboxes/${inboxId}`);
    const section = page.getByRole("region", { name: "Agent bot", exact: true });
    await section.getByLabel("Agent bot", { exact: true }).selectOption({ label: name });
    await section.getByRole("button", { name: "Save bot" }).click();
    await expect(section.getByText("Saved")).toBeVisible();
    const attached = await spec.db.query<{ name: string }>("select b.name from inboxes i join agent_bots b on b.id = i.agent_bot_id where i.id = $1", [inboxId]);
    expect(attached.rows[0]?.name).toBe(name);
    if (shots) {
      await page.setViewportSize({ width: 1280, height: 1400 });
      await page.goto(`/app/accounts/${accountId}/settings/agent-bots`);
      await page.screenshot({ path: `${shots}/settings-agent-bots.png` });
    }

    await page.goto(`/app/accounts/${accountId}/settings/inboxes`);
    const newInbox = page.locator("form").filter({ has: page.getByRole("button", { name: "Create inbox" }) });
    const appName = `Mobile app ${Date.now()}`;
    await newInbox.getByLabel("Inbox name").fill(appName);
    await newInbox.getByLabel("Channel", { exact: true }).selectOption("api");
    await newInbox.getByLabel("Webhook URL (API inboxes)").fill("https://app.example.com/parley");
    await newInbox.getByRole("button", { name: "Create inbox" }).click();
    expect((await newInbox.locator("code").textContent({ timeout: 15_000 }))?.trim()).toMatch(/^whsec_/);
    await page.reload();
    await page.getByRole("link", { name: appName }).click();
    const channel = page.getByRole("region", { name: "API channel", exact: true });
    await expect(channel.getByText("Channel::Api")).toBeVisible();
    await expect(channel.getByLabel("Webhook URL")).toHaveValue("https://app.example.com/parley");
    if (shots) await page.screenshot({ path: `${shots}/settings-api-inbox.png`, fullPage: true });
  });
});
