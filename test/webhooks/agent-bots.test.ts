import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as botsRoute from "@/app/api/v1/accounts/[accountId]/agent_bots/route";
import * as botRoute from "@/app/api/v1/accounts/[accountId]/agent_bots/[agentBotId]/route";
import * as resetRoute from "@/app/api/v1/accounts/[accountId]/agent_bots/[agentBotId]/reset_access_token/route";
import * as inboxBotRoute from "@/app/api/v1/accounts/[accountId]/inboxes/[inboxId]/agent_bot/route";
import * as setBotRoute from "@/app/api/v1/accounts/[accountId]/inboxes/[inboxId]/set_agent_bot/route";
import * as messagesRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import * as toggleRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_status/route";
import { accountUsers, conversations, messages, reportingEvents, webWidgets, type Conversation, type Inbox } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { signWidgetToken } from "@/lib/widget/widget-token";
import { runWebhookPass } from "@/lib/webhooks/worker";
import { backends, type TestDatabase } from "@/test/support/db";
import { addMember, buildContact, buildContactInbox, buildInbox } from "@/test/support/engine-fixtures";
import { verifySignature, webhookReceiver } from "@/test/support/webhook-receiver";
import { widgetApi } from "@/test/support/widget-api";
import { buildApiWorld, call, closeApiDatabase, openApiDatabase, type ApiWorld } from "@/test/app-api/support";

// The bot listens on 127.0.0.1 (WH4 refuses that unless allowed).
process.env.WEBHOOK_ALLOW_PRIVATE = "true";

type Bot = { id: number; name: string; outgoing_url: string; access_token?: string; secret?: string; thumbnail: string; account_id: number };

describe.each(backends)("agent bots on %s", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  let botInbox: Inbox;
  const bot = webhookReceiver();
  let url = "";
  const p = (extra: Record<string, string> = {}) => ({ accountId: String(w.account.id), ...extra });
  const pass = () => runWebhookPass(t.db, { allowPrivate: true });
  /** Runs delivery passes until `done` holds (each pass sends what is due; no sleeping). */
  const pump = async (done: () => boolean) => {
    for (let i = 0; i < 10 && !done(); i++) await pass();
    expect(done()).toBe(true);
  };
  const reload = async (c: Conversation) => (await t.db.select().from(conversations).where(eq(conversations.id, c.id)))[0]!;

  const createBot = async (body: Record<string, unknown> = {}) => {
    const res = await call(botsRoute.POST, {
      method: "POST",
      params: p(),
      token: w.admin.accessToken,
      body: { name: "Triage", description: "Answers first", outgoing_url: url, avatar_url: "https://cdn.example.com/bot.png", ...body },
    });
    expect(res.status).toBe(200);
    return res.body as Bot & { access_token: string; secret: string };
  };
  const attach = async (inboxId: number, agentBot: number | null) =>
    (await call(setBotRoute.POST, { method: "POST", params: p({ inboxId: String(inboxId) }), token: w.admin.accessToken, body: { agent_bot: agentBot } })).status;
  /** A visitor's new conversation in the bot's inbox, with a first message. */
  const visitorConversation = async (content = "Hi, I need help") => {
    const contact = await buildContact(t.db, { accountId: w.account.id, name: "Vera Visitor" });
    const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: contact.id, inboxId: botInbox.id });
    const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: botInbox.id, contactId: contact.id, contactInboxId: ci.id });
    await createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: contact.id }, input: { content } });
    return { conversation, contact, contactInbox: ci };
  };

  beforeAll(async () => {
    t = await openApiDatabase(backend);
    w = await buildApiWorld(t.db);
    url = await bot.start();
    // The bot's inbox assigns automatically, to its one agent (who counts as available without presence).
    botInbox = await buildInbox(t.db, { accountId: w.account.id, name: "Bot desk", enableAutoAssignment: true });
    await addMember(t.db, { accountId: w.account.id, inboxId: botInbox.id, userId: w.agent.id });
    await t.db
      .update(accountUsers)
      .set({ autoOffline: false })
      .where(and(eq(accountUsers.accountId, w.account.id), eq(accountUsers.userId, w.agent.id)));
  });
  afterAll(async () => {
    await bot.stop();
    await closeApiDatabase(t);
  });
  beforeEach(async () => {
    await pass();
    bot.reset();
  });

  it("AB1: administrators create, list, edit and delete bots in Chatwoot's shapes; the token is shown once; agents get 403", async () => {
    const created = await createBot();
    expect(created).toMatchObject({ name: "Triage", description: "Answers first", outgoing_url: url, thumbnail: "https://cdn.example.com/bot.png", account_id: w.account.id, bot_type: "webhook" });
    expect(created.access_token).toMatch(/^bot_/);
    expect(created.secret).toMatch(/^whsec_/);
    const list = (await call(botsRoute.GET, { params: p(), token: w.admin.accessToken })).body as Bot[];
    const listed = list.find((b) => b.id === created.id)!;
    expect(listed).toMatchObject({ id: created.id, name: "Triage" });
    expect(listed).not.toHaveProperty("access_token");
    expect(listed).not.toHaveProperty("secret");
    const edited = await call(botRoute.PATCH, { method: "PATCH", params: p({ agentBotId: String(created.id) }), token: w.admin.accessToken, body: { name: "Concierge" } });
    expect([edited.status, (edited.body as Bot).name, (edited.body as Bot).outgoing_url]).toEqual([200, "Concierge", url]);
    const reset = (await call(resetRoute.POST, { method: "POST", params: p({ agentBotId: String(created.id) }), token: w.admin.accessToken })).body as Bot & { access_token: string };
    expect(reset.access_token).not.toBe(created.access_token);
    for (const [route, method, extra, body] of [
      [botsRoute.GET, "GET", {}, undefined],
      [botsRoute.POST, "POST", {}, { name: "Rogue", outgoing_url: url }],
      [botRoute.GET, "GET", { agentBotId: String(created.id) }, undefined],
      [botRoute.DELETE, "DELETE", { agentBotId: String(created.id) }, undefined],
      [setBotRoute.POST, "POST", { inboxId: String(w.inbox.id) }, { agent_bot: created.id }],
      [inboxBotRoute.GET, "GET", { inboxId: String(w.inbox.id) }, undefined],
    ] as const) {
      expect((await call(route, { method, params: p(extra), token: w.agent.accessToken, body })).status, `${method} as an agent`).toBe(403);
    }
    expect((await call(botRoute.DELETE, { method: "DELETE", params: p({ agentBotId: String(created.id) }), token: w.admin.accessToken })).status).toBe(200);
    expect((await call(botRoute.GET, { params: p({ agentBotId: String(created.id) }), token: w.admin.accessToken })).status).toBe(404);
  });

  it("AB1/AB2: bad input is a 422 naming the field and writes nothing; another account's bot is a 404", async () => {
    const before = ((await call(botsRoute.GET, { params: p(), token: w.admin.accessToken })).body as Bot[]).length;
    for (const [body, field] of [
      [{ outgoing_url: url }, "name"],
      [{ name: "  ", outgoing_url: url }, "name"],
      [{ name: "Bot" }, "outgoing_url"],
      [{ name: "Bot", outgoing_url: "ftp://example.com/bot" }, "outgoing_url"],
      [{ name: "Bot", outgoing_url: "https://user:pw@example.com/bot" }, "outgoing_url"],
      [{ name: "Bot", outgoing_url: url, avatar_url: "javascript:alert(1)" }, "avatar_url"],
    ] as const) {
      const res = await call(botsRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body });
      expect([res.status, (res.body as { attributes: string[] }).attributes]).toEqual([422, [field]]);
    }
    expect(((await call(botsRoute.GET, { params: p(), token: w.admin.accessToken })).body as Bot[]).length).toBe(before);
    const bad = await call(setBotRoute.POST, { method: "POST", params: p({ inboxId: String(w.inbox.id) }), token: w.admin.accessToken, body: { agent_bot: "x" } });
    expect([bad.status, (bad.body as { attributes: string[] }).attributes]).toEqual([422, ["agent_bot"]]);
    const blank = await call(setBotRoute.POST, { method: "POST", params: p({ inboxId: String(w.inbox.id) }), token: w.admin.accessToken, body: {} });
    expect([blank.status, (blank.body as { attributes: string[] }).attributes]).toEqual([422, ["agent_bot"]]);
    const foreign = await call(botsRoute.POST, { method: "POST", params: { accountId: String(w.stranger.id) }, token: w.strangerAdmin.accessToken, body: { name: "Theirs", outgoing_url: url } });
    expect(await attach(w.inbox.id, (foreign.body as Bot).id)).toBe(404);
  });

  it("AB2/AB3/AB4/AB6: with a bot, a new conversation starts pending and unassigned; the bot gets it signed, answers as itself and hands off to an agent", async () => {
    const created = await createBot({ name: "Concierge" });
    expect(await attach(botInbox.id, created.id)).toBe(200);
    const shown = (await call(inboxBotRoute.GET, { params: p({ inboxId: String(botInbox.id) }), token: w.admin.accessToken })).body as { agent_bot: Bot };
    expect(shown.agent_bot).toMatchObject({ id: created.id, name: "Concierge" });

    const { conversation } = await visitorConversation("Where is my parcel?");
    expect(await reload(conversation)).toMatchObject({ status: "pending", assigneeId: null });
    await pump(() => bot.events("message_created").length >= 1);
    const [opened] = bot.events("conversation_created");
    expect(opened!.json).toMatchObject({ event: "conversation_created", id: conversation.displayId, status: "pending", inbox: { id: botInbox.id, name: "Bot desk" } });
    const [asked] = bot.events("message_created");
    expect(asked!.json).toMatchObject({ event: "message_created", content: "Where is my parcel?", message_type: "incoming", conversation: { id: conversation.displayId } });
    expect(verifySignature(created.secret, asked!)).toBe(true);

    // The bot answers with its own token: the message is the bot's, with its name and avatar.
    const params = p({ conversationId: String(conversation.displayId) });
    const reply = await call(messagesRoute.POST, { method: "POST", params, token: created.access_token, body: { content: "Let me look that up", message_type: "outgoing" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      content: "Let me look that up",
      message_type: 1,
      sender: { id: created.id, name: "Concierge", avatar_url: "https://cdn.example.com/bot.png", type: "agent_bot" },
    });
    // AB5: interactive messages, checked as an agent's are.
    const choice = await call(messagesRoute.POST, {
      method: "POST",
      params,
      token: created.access_token,
      body: {
        content: "Pick one",
        content_type: "input_select",
        content_attributes: {
          items: [
            { title: "Track", value: "track" },
            { title: "Human", value: "human" },
          ],
        },
      },
    });
    expect([choice.status, (choice.body as { content_type: string }).content_type]).toEqual([200, "input_select"]);
    const broken = await call(messagesRoute.POST, { method: "POST", params, token: created.access_token, body: { content: "Pick", content_type: "cards", content_attributes: {} } });
    expect([broken.status, (broken.body as { attributes: string[] }).attributes]).toEqual([422, ["content_attributes"]]);
    const incoming = await call(messagesRoute.POST, { method: "POST", params, token: created.access_token, body: { content: "x", message_type: "incoming" } });
    expect([incoming.status, (incoming.body as { attributes: string[] }).attributes]).toEqual([422, ["message_type"]]);
    expect(await reload(conversation)).toMatchObject({ status: "pending", assigneeId: null });

    // AB4: the bot's token reaches only conversations of its inboxes, and only in its account.
    const elsewhere = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    expect((await call(messagesRoute.POST, { method: "POST", params: p({ conversationId: String(elsewhere.displayId) }), token: created.access_token, body: { content: "hi" } })).status).toBe(404);
    expect((await call(toggleRoute.POST, { method: "POST", params: p({ conversationId: String(elsewhere.displayId) }), token: created.access_token, body: { status: "resolved" } })).status).toBe(404);
    expect((await call(messagesRoute.POST, { method: "POST", params: { accountId: String(w.stranger.id), conversationId: "1" }, token: created.access_token, body: { content: "hi" } })).status).toBe(
      404,
    );
    expect((await call(messagesRoute.POST, { method: "POST", params, token: "bot_forged", body: { content: "hi" } })).status).toBe(401);

    // AB6: the hand-off — open, and auto-assigned as any opened conversation.
    const handOff = await call(toggleRoute.POST, { method: "POST", params, token: created.access_token, body: { status: "open" } });
    expect([handOff.status, (handOff.body as { payload: { current_status: string } }).payload.current_status]).toEqual([200, "open"]);
    expect(await reload(conversation)).toMatchObject({ status: "open", assigneeId: w.agent.id });
    const lines = await t.db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(lines.map((m) => m.content)).toContain("Conversation was reopened by Concierge");
    // Reports (conversation_bot_handoff): one event, the seconds from creation to the hand-off.
    const handoffs = await t.db
      .select()
      .from(reportingEvents)
      .where(and(eq(reportingEvents.conversationId, conversation.id), eq(reportingEvents.name, "conversation_bot_handoff")));
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]!.eventStartTime).toEqual((await reload(conversation)).createdAt);
    expect(await attach(botInbox.id, null)).toBe(200);
  });

  it("AB6: a bot that fails a message (500) hands the conversation to the team at once, with an activity line", async () => {
    const created = await createBot({ name: "Flaky" });
    expect(await attach(botInbox.id, created.id)).toBe(200);
    bot.answer((r) => (r.json.event === "message_created" ? 500 : 200));
    const { conversation } = await visitorConversation("Anyone there?");
    expect((await reload(conversation)).status).toBe("pending");
    await pump(() => bot.events("message_created").length >= 1);
    // One attempt, no 24-hour retry schedule: the visitor is the team's now.
    expect(await reload(conversation)).toMatchObject({ status: "open", assigneeId: w.agent.id });
    const lines = await t.db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(lines.filter((m) => m.messageType === "activity").map((m) => m.content)).toContain("Flaky did not respond, so the conversation was handed to the team");
    expect(
      await t.db
        .select()
        .from(reportingEvents)
        .where(and(eq(reportingEvents.conversationId, conversation.id), eq(reportingEvents.name, "conversation_bot_handoff"))),
    ).toHaveLength(1);
    await pass();
    expect(bot.events("message_created")).toHaveLength(1);
    expect(await attach(botInbox.id, null)).toBe(200);
  });

  it("AB3: opening the widget sends webwidget_triggered to the inbox's bot; without a bot, conversations start open", async () => {
    const created = await createBot({ name: "Greeter" });
    expect(await attach(botInbox.id, created.id)).toBe(200);
    const contact = await buildContact(t.db, { accountId: w.account.id, name: "Wanda Widget" });
    const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: contact.id, inboxId: botInbox.id });
    const [widget] = await t.db.select().from(webWidgets).where(eq(webWidgets.inboxId, botInbox.id));
    const token = await signWidgetToken({ source_id: ci.sourceId, inbox_id: botInbox.id });
    const res = await widgetApi("POST", `/api/v1/widget/events?website_token=${widget!.websiteToken}`, {
      token,
      body: { name: "webwidget.triggered", event_info: { referer_url: "https://shop.example.com/cart", widget_language: "en" } },
    });
    expect(res.status).toBe(204);
    const bad = await widgetApi("POST", `/api/v1/widget/events?website_token=${widget!.websiteToken}`, { token, body: { event_info: {} } });
    expect([bad.status, (bad.body as { attributes: string[] }).attributes]).toEqual([422, ["name"]]);
    await pump(() => bot.events("webwidget_triggered").length === 1);
    const [triggered] = bot.events("webwidget_triggered");
    expect(triggered!.json).toMatchObject({
      event: "webwidget_triggered",
      source_id: ci.sourceId,
      contact: { id: contact.id, name: "Wanda Widget" },
      inbox: { id: botInbox.id },
      event_info: { referer_url: "https://shop.example.com/cart" },
    });
    expect(verifySignature(created.secret, triggered!)).toBe(true);

    expect(await attach(botInbox.id, null)).toBe(200);
    const { conversation } = await visitorConversation();
    expect(await reload(conversation)).toMatchObject({ status: "open", assigneeId: w.agent.id });
  });
});
