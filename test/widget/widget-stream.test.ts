import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { conversations } from "@/db/schema";
import { toggleAgentTyping } from "@/lib/conversations/typing";
import { identifierHash } from "@/lib/contacts/identity-verification";
import { createMessage } from "@/lib/messages/create-message";
import { isContactOnline } from "@/lib/presence/agent-presence";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { kickRealtime, installRealtimeHub } from "@/lib/realtime/process-hub";
import { connectStream, type StreamMessage } from "@/lib/realtime/stream-client";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { webWidgets } from "@/db/schema";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildClientWorld } from "@/test/support/client-world";
import { inProcessFetch, waitFor } from "@/test/support/realtime";
import { routeFor, widgetApi } from "@/test/support/widget-api";

describe.each(backends)("GET /api/v1/widget/stream on %s (E3, E4, E5, W3)", (backend) => {
  let t: TestDatabase;
  let hub: Hub;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
    const store = createMemoryStore();
    installCoordinationStore(store);
    hub = createHub({ db: t.db, store, pollMs: 60_000, log: { warn: () => undefined, error: () => undefined } });
    installRealtimeHub(hub);
  });
  afterAll(async () => {
    installRealtimeHub(undefined);
    await hub.close();
    await closeTestDatabase(t);
  });

  const routeFetch = inProcessFetch((req) => {
    const { handler, params } = routeFor("GET", req.url);
    return handler(req, { params: Promise.resolve(params) });
  });

  async function world() {
    installCoordinationStore(createMemoryStore());
    const w = await buildClientWorld(t.db);
    const q = `?website_token=${w.widget.websiteToken}`;
    const token = ((await widgetApi("POST", `/api/v1/widget/config${q}`)).body as { website_channel_config: { auth_token: string } }).website_channel_config.auth_token;
    await widgetApi("POST", `/api/v1/widget/messages${q}`, { token, body: { message: { content: "hello" } } });
    // The route wakes delivery without waiting for it; settle the set-up's own events before any test
    // opens a stream "live from now", so they cannot arrive as if they were new.
    await kickRealtime();
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.inboxId, w.inbox.id));
    const reply = async (content: string, extra: { private?: boolean } = {}) => {
      await createMessage(t.db, { conversationId: conversation!.id, sender: { type: "user", id: w.agent.id }, input: { content, ...extra } });
      await kickRealtime();
    };
    const url = `http://parley.test/api/v1/widget/stream${q}`;
    return { ...w, q, token, conversation: conversation!, reply, url };
  }

  const contactOf = async (token: string, q: string) => (await widgetApi("GET", `/api/v1/widget/contact${q}`, { token })).body as { id: number };
  const contents = (got: StreamMessage[]) => got.filter((m) => m.event === "message.created").map((m) => (JSON.parse(m.data) as { content: string }).content);

  it("P2 an open widget stream makes the visitor present for agents", async () => {
    const w = await world();
    const store = createMemoryStore();
    installCoordinationStore(store);
    const got: StreamMessage[] = [];
    const client = connectStream({ url: w.url, headers: { "X-Auth-Token": w.token }, fetch: routeFetch, onMessage: (m) => got.push(m) });
    await waitFor("ready", () => got.some((m) => m.event === "ready"));
    client.close();
    expect(await isContactOnline(store, { accountId: w.account.id, contactId: (await contactOf(w.token, w.q)).id, now: new Date() })).toBe(true);
  });

  it("refuses a missing or forged token with 404", async () => {
    const w = await world();
    expect((await widgetApi("GET", `/api/v1/widget/stream${w.q}`)).status).toBe(404);
    expect((await widgetApi("GET", `/api/v1/widget/stream${w.q}`, { token: "x.y.z" })).status).toBe(404);
  });

  it("delivers the agent's reply and typing live, never a private note (M5), and resumes with Last-Event-ID with nothing missed", async () => {
    const w = await world();
    const got: StreamMessage[] = [];
    const first = connectStream({ url: w.url, headers: { "X-Auth-Token": w.token }, fetch: routeFetch, onMessage: (m) => got.push(m) });
    await waitFor("ready", () => got.some((m) => m.event === "ready"));
    await w.reply("a note", { private: true });
    await w.reply("one");
    await toggleAgentTyping(t.db, { conversation: w.conversation, userId: w.agent.id, input: { typing_status: "on", is_private: false } });
    await kickRealtime();
    await waitFor("reply and typing", () => contents(got).includes("one") && got.some((m) => m.event === "conversation.typing_on"));
    first.close();
    await waitFor("the subscriber to go", () => hub.subscriberCount === 0);
    await w.reply("two");
    await w.reply("three");
    const resumed: StreamMessage[] = [];
    const second = connectStream({ url: w.url, headers: { "X-Auth-Token": w.token }, lastEventId: first.lastEventId, fetch: routeFetch, onMessage: (m) => resumed.push(m) });
    await waitFor("the missed replies", () => contents(resumed).includes("three"));
    second.close();
    expect([...contents(got), ...contents(resumed)]).toEqual(["one", "two", "three"]);
  });

  it("W3 #15933: after set_user switches identity, a stream with the new token follows the new contact", async () => {
    const w = await world();
    await t.db.update(webWidgets).set({ hmacMandatory: true }).where(eq(webWidgets.id, w.widget.id));
    const setUser = (token: string, identifier: string) =>
      widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token, body: { identifier, identifier_hash: identifierHash(w.widget.hmacToken, identifier) } });
    await setUser(w.token, "frank");
    const next = ((await setUser(w.token, "erin")).body as { widget_auth_token: string }).widget_auth_token;
    expect(typeof next).toBe("string");
    await widgetApi("POST", `/api/v1/widget/messages${w.q}`, { token: next, body: { message: { content: "as erin" } } });
    const current = (await widgetApi("GET", `/api/v1/widget/conversations${w.q}`, { token: next })).body as { id: number };
    const [erinConversation] = await t.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.inboxId, w.inbox.id), eq(conversations.displayId, current.id)));
    expect(erinConversation!.id).not.toBe(w.conversation.id);
    const got: StreamMessage[] = [];
    const client = connectStream({ url: w.url, headers: { "X-Auth-Token": next }, fetch: routeFetch, onMessage: (m) => got.push(m) });
    await waitFor("ready", () => got.some((m) => m.event === "ready"));
    await w.reply("to frank");
    await createMessage(t.db, { conversationId: erinConversation!.id, sender: { type: "user", id: w.agent.id }, input: { content: "hi erin" } });
    await kickRealtime();
    await waitFor("the reply to erin", () => contents(got).includes("hi erin"));
    expect(contents(got)).not.toContain("to frank");
    client.close();
  });

  it("W3 merge: after an anonymous visitor proves to be a known person, a stream with the answered token follows the person on every verified device", async () => {
    const w = await world();
    const setUser = (token: string, identifier: string) =>
      widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token, body: { identifier, identifier_hash: identifierHash(w.widget.hmacToken, identifier) } });
    const laptop = ((await widgetApi("POST", `/api/v1/widget/config${w.q}`)).body as { website_channel_config: { auth_token: string } }).website_channel_config.auth_token;
    await setUser(laptop, "kim");
    await widgetApi("POST", `/api/v1/widget/messages${w.q}`, { token: laptop, body: { message: { content: "kim on the laptop" } } });
    const next = ((await setUser(w.token, "kim")).body as { widget_auth_token: string }).widget_auth_token;
    expect(typeof next).toBe("string");
    await kickRealtime();
    const [laptopConversation] = await t.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.inboxId, w.inbox.id), ne(conversations.id, w.conversation.id)));
    const got: StreamMessage[] = [];
    const client = connectStream({ url: w.url, headers: { "X-Auth-Token": next }, fetch: routeFetch, onMessage: (m) => got.push(m) });
    await waitFor("ready", () => got.some((m) => m.event === "ready"));
    await w.reply("to the merged conversation");
    await createMessage(t.db, { conversationId: laptopConversation!.id, sender: { type: "user", id: w.agent.id }, input: { content: "to kim's laptop" } });
    await kickRealtime();
    await waitFor("both replies", () => contents(got).includes("to the merged conversation") && contents(got).includes("to kim's laptop"));
    client.close();
  });
});
