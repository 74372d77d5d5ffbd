import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { contactInboxes, contacts, conversations, messages, webWidgets } from "@/db/schema";
import { createActivityMessage } from "@/lib/conversations/activity-message";
import { identifierHash } from "@/lib/contacts/identity-verification";
import { createMessage } from "@/lib/messages/create-message";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { signWidgetToken } from "@/lib/widget/widget-token";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildClientWorld } from "@/test/support/client-world";
import { widgetApi } from "@/test/support/widget-api";

type Config = {
  website_channel_config: { auth_token: string; widget_color: string; enabled_features: string[]; is_online: boolean; pre_chat_form_enabled: boolean };
  contact: { id: number; pubsub_token: string };
};
type WidgetMessage = { id: number; content: string | null; message_type: number; sender?: { type: string } };

describe.each(backends)("Widget API (%s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
    installCoordinationStore(createMemoryStore());
  });
  afterAll(async () => closeTestDatabase(t));

  async function world(overrides: Parameters<typeof buildClientWorld>[1] = {}) {
    // A fresh store per scenario: every call comes from one test IP, and W6 is tested on its own.
    installCoordinationStore(createMemoryStore());
    const w = await buildClientWorld(t.db, overrides);
    const q = `?website_token=${w.widget.websiteToken}`;
    /** A new visitor: §C1 without a token. */
    const visitor = async () => {
      const res = await widgetApi("POST", `/api/v1/widget/config${q}`);
      expect(res.status).toBe(200);
      return (res.body as Config).website_channel_config.auth_token;
    };
    const send = (token: string, content: string, extra: Record<string, unknown> = {}) => widgetApi("POST", `/api/v1/widget/messages${q}`, { token, body: { message: { content, ...extra } } });
    const list = async (token: string) => ((await widgetApi("GET", `/api/v1/widget/messages${q}`, { token })).body as { payload: WidgetMessage[] }).payload;
    return { ...w, q, visitor, send, list };
  }

  it("§C1 creates an anonymous contact and issues a token; the same token keeps the contact, a bad one gets a new visitor", async () => {
    const w = await world();
    const first = await widgetApi("POST", `/api/v1/widget/config${w.q}`);
    const config = first.body as Config;
    expect(config.website_channel_config).toMatchObject({ widget_color: "#1f93ff", enabled_features: ["attachments", "emoji_picker", "end_conversation"], pre_chat_form_enabled: false });
    expect(typeof config.website_channel_config.is_online).toBe("boolean");
    const again = (await widgetApi("POST", `/api/v1/widget/config${w.q}`, { token: config.website_channel_config.auth_token })).body as Config;
    expect(again.contact.id).toBe(config.contact.id);
    const stranger = (await widgetApi("POST", `/api/v1/widget/config${w.q}`, { token: "not-a-token" })).body as Config;
    expect(stranger.contact.id).not.toBe(config.contact.id);
    // website_token in the JSON body works as in the query string.
    expect((await widgetApi("POST", "/api/v1/widget/config", { body: { website_token: w.widget.websiteToken } })).status).toBe(200);
    expect((await widgetApi("POST", "/api/v1/widget/config?website_token=nope")).status).toBe(404);
  });

  it("W3 every endpoint but config is 404 without a valid token for this inbox (missing, forged, expired, another inbox's, unknown source)", async () => {
    const w = await world();
    const other = await world();
    const otherToken = await other.visitor();
    const expired = await signWidgetToken({ source_id: w.contactInbox.sourceId, inbox_id: w.inbox.id }, { now: new Date(Date.now() - 181 * 86_400_000) });
    const unknown = await signWidgetToken({ source_id: "nobody", inbox_id: w.inbox.id });
    for (const token of [null, "garbage", expired, otherToken, unknown]) {
      const res = await widgetApi("GET", `/api/v1/widget/messages${w.q}`, { token });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: "Resource could not be found" });
    }
    const valid = await signWidgetToken({ source_id: w.contactInbox.sourceId, inbox_id: w.inbox.id });
    expect((await widgetApi("GET", `/api/v1/widget/contact${w.q}`, { token: valid })).body).toEqual({ id: w.contact.id, has_email: false, has_name: true, has_phone_number: false, identifier: null });
  });

  it("§C11 W4 the first message opens one conversation; reload (a new config call) and a second tab keep it; an echo_id retry returns the stored message (M6)", async () => {
    const w = await world();
    const token = await w.visitor();
    const [a, b] = await Promise.all([w.send(token, "hello", { echo_id: "e1" }), w.send(token, "from tab two", { echo_id: "e2" })]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(Object.keys(a.body as object)).toEqual(["id", "content", "inbox_id", "conversation_id", "message_type", "created_at", "private", "source_id", "content_attributes", "sender"]);
    expect((a.body as { conversation_id: number }).conversation_id).toBe((b.body as { conversation_id: number }).conversation_id);
    const retry = await w.send(token, "hello", { echo_id: "e1" });
    expect((retry.body as { id: number }).id).toBe((a.body as { id: number }).id);
    const reloaded = ((await widgetApi("POST", `/api/v1/widget/config${w.q}`, { token })).body as Config).website_channel_config.auth_token;
    expect((await w.list(reloaded)).map((m) => m.content).sort()).toEqual(["from tab two", "hello"]);
    const current = (await widgetApi("GET", `/api/v1/widget/conversations${w.q}`, { token })).body as { id: number; status: string };
    expect(current).toMatchObject({ id: (a.body as { conversation_id: number }).conversation_id, status: "open" });
  });

  it("M5 the visitor's list has no private notes and no activity messages", async () => {
    const w = await world();
    const token = await w.visitor();
    await w.send(token, "hi");
    const [conv] = await t.db.select().from(conversations).where(eq(conversations.inboxId, w.inbox.id));
    await createMessage(t.db, { conversationId: conv!.id, sender: { type: "user", id: w.agent.id }, input: { content: "secret note", private: true } });
    await createMessage(t.db, { conversationId: conv!.id, sender: { type: "user", id: w.agent.id }, input: { content: "public reply" } });
    await createActivityMessage(t.db, conv!, "Conversation was assigned", new Date());
    expect((await w.list(token)).map((m) => m.content)).toEqual(["hi", "public reply"]);
  });

  it("§C6 starts a conversation from the pre-chat form (invalid email discarded) and a second submit stays in it", async () => {
    const w = await world();
    const token = await w.visitor();
    const body = { contact: { name: "Pat", email: "not-an-email" }, message: { content: "question", echo_id: "pc1" } };
    const res = await widgetApi("POST", `/api/v1/widget/conversations${w.q}`, { token, body });
    expect(res.status).toBe(200);
    const c = res.body as { id: number; status: string; messages: WidgetMessage[]; contact: { name: string; email: string | null } };
    expect(c).toMatchObject({ status: "open", contact: { name: "Pat", email: null } });
    expect(c.messages.map((m) => m.content)).toEqual(["question"]);
    const again = (await widgetApi("POST", `/api/v1/widget/conversations${w.q}`, { token, body: { ...body, message: { content: "again" } } })).body as { id: number };
    expect(again.id).toBe(c.id);
    expect((await widgetApi("POST", `/api/v1/widget/conversations${w.q}`, { token, body: { contact: {} } })).status).toBe(422);
  });

  it("§C9 toggle_status: 404 without a conversation, resolves, 403 when end_conversation is off", async () => {
    const w = await world();
    const token = await w.visitor();
    expect((await widgetApi("GET", `/api/v1/widget/conversations/toggle_status${w.q}`, { token })).status).toBe(404);
    await w.send(token, "bye soon");
    const res = await widgetApi("GET", `/api/v1/widget/conversations/toggle_status${w.q}`, { token });
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(((await widgetApi("GET", `/api/v1/widget/conversations${w.q}`, { token })).body as { status: string }).status).toBe("resolved");
    expect((await widgetApi("POST", `/api/v1/widget/conversations/toggle_status${w.q}`, { token })).status).toBe(200);
    await t.db.update(webWidgets).set({ featureEndConversation: false }).where(eq(webWidgets.id, w.widget.id));
    expect((await widgetApi("GET", `/api/v1/widget/conversations/toggle_status${w.q}`, { token })).status).toBe(403);
  });

  it("§C7 update_last_seen sets contact_last_seen_at (no-op without a conversation); §C8 typing is 404 without one", async () => {
    const w = await world();
    const token = await w.visitor();
    expect((await widgetApi("POST", `/api/v1/widget/conversations/update_last_seen${w.q}`, { token })).status).toBe(200);
    expect((await widgetApi("POST", `/api/v1/widget/conversations/toggle_typing${w.q}`, { token, body: { typing_status: "on" } })).status).toBe(404);
    await w.send(token, "hi");
    expect((await widgetApi("POST", `/api/v1/widget/conversations/update_last_seen${w.q}`, { token })).status).toBe(200);
    const current = (await widgetApi("GET", `/api/v1/widget/conversations${w.q}`, { token })).body as { contact_last_seen_at: number };
    expect(current.contact_last_seen_at).toBeGreaterThan(0);
    expect((await widgetApi("POST", `/api/v1/widget/conversations/toggle_typing${w.q}`, { token, body: { typing_status: "on" } })).status).toBe(200);
  });

  it("§C12 the email-collect answer sets the contact's email; a message of another visitor is 404", async () => {
    const w = await world({ enableEmailCollect: true });
    const token = await w.visitor();
    await w.send(token, "hi");
    const ask = (await w.list(token)).find((m) => (m as { content_type?: string }).content_type === "input_email");
    expect(ask).toBeDefined();
    const res = await widgetApi("PUT", `/api/v1/widget/messages/${ask!.id}${w.q}`, { token, body: { contact: { email: "Pat@Example.com" } } });
    expect(res.status).toBe(200);
    expect((res.body as { contact: { email: string } }).contact.email).toBe("pat@example.com");
    const stranger = await w.visitor();
    expect((await widgetApi("PUT", `/api/v1/widget/messages/${ask!.id}${w.q}`, { token: stranger, body: { contact: { email: "x@example.com" } } })).status).toBe(404);
  });

  describe("§C4 set_user with hmac_mandatory (Chatwoot widget contacts_controller_spec)", () => {
    async function mandatoryWorld() {
      const w = await world();
      await t.db.update(webWidgets).set({ hmacMandatory: true }).where(eq(webWidgets.id, w.widget.id));
      const hash = (id: string) => identifierHash(w.widget.hmacToken, id);
      return { ...w, hash };
    }

    it("a correct hash verifies the contact_inbox; wrong, blank or missing is 401 and writes nothing", async () => {
      const w = await mandatoryWorld();
      const token = await w.visitor();
      for (const identifier_hash of ["0".repeat(64), "", undefined]) {
        const res = await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token, body: { identifier: "u-1", identifier_hash, name: "Mallory" } });
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: "HMAC failed: Invalid Identifier Hash Provided" });
      }
      expect((await t.db.select().from(contacts).where(eq(contacts.identifier, "u-1"))).length).toBe(0);
      const ok = await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, {
        token,
        body: { identifier: "u-1", identifier_hash: w.hash("u-1"), name: "Uma", email: "bad", phone_number: "123" },
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ has_email: false, has_name: true, has_phone_number: false });
      const [c] = await t.db.select().from(contacts).where(eq(contacts.identifier, "u-1"));
      expect(c).toMatchObject({ name: "Uma", email: null, phoneNumber: null });
      const [ci] = await t.db.select().from(contactInboxes).where(eq(contactInboxes.contactId, c!.id));
      expect(ci!.hmacVerified).toBe(true);
    });

    it("a different identifier switches to a new contact with a new widget_auth_token, verified (#15933)", async () => {
      const w = await mandatoryWorld();
      const token = await w.visitor();
      const first = (await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token, body: { identifier: "a", identifier_hash: w.hash("a") } })).body as { id: number };
      const res = await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token, body: { identifier: "b", identifier_hash: w.hash("b") } });
      const switched = res.body as { id: number; widget_auth_token: string };
      expect(switched.id).not.toBe(first.id);
      expect(typeof switched.widget_auth_token).toBe("string");
      const who = (await widgetApi("GET", `/api/v1/widget/contact${w.q}`, { token: switched.widget_auth_token })).body as { id: number; identifier: string };
      expect(who).toMatchObject({ id: switched.id, identifier: "b" });
      const [ci] = await t.db
        .select()
        .from(contactInboxes)
        .where(and(eq(contactInboxes.contactId, switched.id), eq(contactInboxes.inboxId, w.inbox.id)));
      expect(ci!.hmacVerified).toBe(true);
    });

    it("W3 a verified visitor sees the same conversation on a fresh device; an unverified claim to the identity is refused", async () => {
      const w = await mandatoryWorld();
      const laptop = await w.visitor();
      await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token: laptop, body: { identifier: "carol", identifier_hash: w.hash("carol") } });
      await w.send(laptop, "from the laptop");
      const phone = await w.visitor();
      const res = await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token: phone, body: { identifier: "carol", identifier_hash: w.hash("carol") } });
      const phoneToken = (res.body as { widget_auth_token: string }).widget_auth_token;
      expect((await w.list(phoneToken)).map((m) => m.content)).toEqual(["from the laptop"]);
      await w.send(phoneToken, "from the phone");
      expect((await w.list(laptop)).map((m) => m.content)).toEqual(["from the laptop", "from the phone"]);
      const mallory = await w.visitor();
      expect((await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token: mallory, body: { identifier: "carol", identifier_hash: w.hash("mallory") } })).status).toBe(401);
    });
  });

  it("§C4 without mandatory HMAC: an unverified claim to a known identity keeps the visitor on a contact of their own, marked unverified (#13 §1)", async () => {
    const w = await world();
    // Dave is known: his contact (set up by an agent) holds his identifier, email, phone and attributes,
    // and he has a conversation.
    const [dave] = await t.db
      .insert(contacts)
      .values({ accountId: w.account.id, name: "Dave Known", identifier: "dave", email: "dave@example.test", phoneNumber: "+4915112340000", customAttributes: { plan: "gold" } })
      .returning();
    const [daveDevice] = await t.db
      .insert(contactInboxes)
      .values({ accountId: w.account.id, contactId: dave!.id, inboxId: w.inbox.id, sourceId: "dave-laptop", pubsubToken: "dave-pubsub" })
      .returning();
    const daveToken = await signWidgetToken({ source_id: daveDevice!.sourceId, inbox_id: w.inbox.id });
    await w.send(daveToken, "dave's secret");

    const claimer = await w.visitor();
    const res = await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token: claimer, body: { identifier: "dave", name: "Not Dave", custom_attributes: { plan: "free" } } });
    expect(res.status).toBe(200);
    const summary = res.body as { id: number; has_email: boolean; has_phone_number: boolean; widget_auth_token?: string };
    // The claimer stays on their own contact: no token for Dave's, nothing of Dave's in the answer.
    expect(summary.id).not.toBe(dave!.id);
    expect(summary).toMatchObject({ has_email: false, has_phone_number: false });
    const token = summary.widget_auth_token ?? claimer;
    const config = await widgetApi("POST", `/api/v1/widget/config${w.q}`, { token });
    expect(config.text).not.toContain("dave@example.test");
    expect(config.text).not.toContain("gold");
    expect(await w.list(token)).toEqual([]);
    const sent = await w.send(token, "hello from the claimer");
    expect(sent.text).not.toContain("dave@example.test");
    // Agents see the claim as unverified, on the claimer's contact; Dave's contact is untouched.
    const [own] = await t.db.select().from(contacts).where(eq(contacts.id, summary.id));
    expect(own).toMatchObject({ identifier: null, unverifiedIdentifier: "dave", name: "Not Dave" });
    const [after] = await t.db.select().from(contacts).where(eq(contacts.id, dave!.id));
    expect(after).toMatchObject({ name: "Dave Known", customAttributes: { plan: "gold" }, unverifiedIdentifier: null });
    const [msg] = await t.db.select().from(messages).where(eq(messages.content, "hello from the claimer"));
    expect(msg!.senderId).toBe(summary.id);
  });

  it("C4 an unverified identifier nobody holds is recorded as unverified, and a later proof by the real person never merges them in", async () => {
    const w = await world();
    const squatter = await w.visitor();
    await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token: squatter, body: { identifier: "erin" } });
    await w.send(squatter, "squatter's note");
    expect(await t.db.select().from(contacts).where(eq(contacts.identifier, "erin"))).toEqual([]);
    // Erin proves who she is on her own device: she gets her identity, the squatter stays apart.
    const erin = await w.visitor();
    const proof = identifierHash(w.widget.hmacToken, "erin");
    const res = await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token: erin, body: { identifier: "erin", identifier_hash: proof, email: "erin@example.test" } });
    expect(res.status).toBe(200);
    await w.send(erin, "erin's private note");
    expect((await w.list(squatter)).map((m) => m.content)).not.toContain("erin's private note");
    const squatterView = await widgetApi("POST", `/api/v1/widget/config${w.q}`, { token: squatter });
    expect(squatterView.text).not.toContain("erin@example.test");
  });

  it("C4 a second unverified identity on one device (a shared computer) starts a contact of its own", async () => {
    const w = await world();
    const device = await w.visitor();
    await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token: device, body: { identifier: "first", email: "first@example.test" } });
    await w.send(device, "first person's message");
    const res = await widgetApi("PATCH", `/api/v1/widget/contact/set_user${w.q}`, { token: device, body: { identifier: "second" } });
    const next = res.body as { widget_auth_token?: string; has_email: boolean };
    expect(next.widget_auth_token).toBeDefined();
    expect(next.has_email).toBe(false);
    expect(await w.list(next.widget_auth_token!)).toEqual([]);
  });

  it("GET /widget sends frame-ancestors from allowed_domains (* when empty) and 404 for an unknown token", async () => {
    const w = await world();
    const open = await widgetApi("GET", `/widget${w.q}`);
    expect(open.status).toBe(200);
    expect(open.headers.get("content-security-policy")).toMatch(/^frame-ancestors \*;/);
    expect(open.headers.get("x-frame-options")).toBeNull();
    expect(open.text).toContain('src="/widget-app.js"');
    await t.db.update(webWidgets).set({ allowedDomains: "https://shop.example, http://127.0.0.1:4100" }).where(eq(webWidgets.id, w.widget.id));
    const limited = await widgetApi("GET", `/widget${w.q}`);
    expect(limited.headers.get("content-security-policy")).toMatch(/^frame-ancestors https:\/\/shop\.example http:\/\/127\.0\.0\.1:4100;/);
    const unknown = await widgetApi("GET", "/widget?website_token=nope");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
  });

  it("messages never leak across visitors: a stranger's list is empty", async () => {
    const w = await world();
    const a = await w.visitor();
    await w.send(a, "mine");
    const b = await w.visitor();
    expect(await w.list(b)).toEqual([]);
    expect((await t.db.select().from(messages)).length).toBeGreaterThan(0);
  });
});
