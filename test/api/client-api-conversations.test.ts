import { and, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { contactInboxes, contacts, conversations, messages } from "@/db/schema";
import { createActivityMessage } from "@/lib/conversations/activity-message";
import { createConversation } from "@/lib/conversations/create-conversation";
import { insertMessage } from "@/lib/messages/insert-message";
import { createMessage } from "@/lib/messages/create-message";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildContactInbox, eventsOf, messagesOf, reloadConversation } from "@/test/support/engine-fixtures";
import { clientApi } from "@/test/support/client-api";
import { buildClientWorld } from "@/test/support/client-world";

type PublicMessage = {
  id: number;
  content: string | null;
  message_type: number;
  content_type: string;
  content_attributes: Record<string, unknown>;
  created_at: number;
  conversation_id: number;
  sender?: { type: string; id: number };
};
type PublicConversation = { id: number; uuid: string; inbox_id: number; status: string; contact_last_seen_at: number; agent_last_seen_at: number; messages: PublicMessage[]; contact: { id: number } };

/**
 * Counts the statements sent to Postgres, transactions included (BEGIN/COMMIT too), as node-postgres
 * submits them (Client#query cannot be wrapped: db/client.ts pins it on checked-out clients). The
 * realtime hub's own reads (the relay kick after a write, its start) are left out: they are shared by
 * every request in flight, not one message's cost. PGlite is not counted.
 */
const HUB_SQL = /parley_relay_events|from events where seq|max\(seq\)|events_seq|events_pruned_through/;
function countStatements(): { count: () => number; stop: () => void } {
  const proto = (pg as unknown as { Query: { prototype: { submit: (...args: unknown[]) => unknown } } }).Query.prototype;
  const original = proto.submit;
  let n = 0;
  proto.submit = function (this: { text?: string }, ...args: unknown[]) {
    if (!HUB_SQL.test(this.text ?? "")) n++;
    return original.apply(this, args);
  };
  return { count: () => n, stop: () => void (proto.submit = original) };
}

describe.each(backends)("Client API conversations and messages (%s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
  });
  afterAll(async () => closeTestDatabase(t));

  async function world(overrides: Parameters<typeof buildClientWorld>[1] = {}) {
    const w = await buildClientWorld(t.db, overrides);
    const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    const path = `${w.contactBase}/conversations/${conversation.displayId}`;
    const agentSays = (content: string, extra: { private?: boolean; content_type?: "input_email" | "input_csat" | "text"; now?: Date } = {}) =>
      createMessage(t.db, {
        conversationId: conversation.id,
        sender: { type: "user", id: w.agent.id },
        input: { content, private: extra.private, content_type: extra.content_type },
        now: extra.now,
      }).then((r) => r.message);
    return { ...w, conversation, path, agentSays };
  }

  it("§A4 lists only this contact_inbox's conversations, each a PublicConversation", async () => {
    const w = await world();
    const strangerCi = await buildContactInbox(t.db, {
      accountId: w.account.id,
      contactId: (await t.db.insert(contacts).values({ accountId: w.account.id, name: "Other" }).returning())[0]!.id,
      inboxId: w.inbox.id,
    });
    await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: strangerCi.contactId, contactInboxId: strangerCi.id });
    const res = await clientApi("GET", `${w.contactBase}/conversations`);
    expect(res.status).toBe(200);
    const list = res.body as PublicConversation[];
    expect(list.map((c) => c.id)).toEqual([w.conversation.displayId]);
    expect(Object.keys(list[0]!)).toEqual(["id", "uuid", "inbox_id", "contact_last_seen_at", "status", "agent_last_seen_at", "messages", "contact"]);
    expect(list[0]).toMatchObject({ uuid: w.conversation.uuid, inbox_id: w.inbox.id, status: "open", contact_last_seen_at: 0, agent_last_seen_at: 0, messages: [], contact: { id: w.contact.id } });
  });

  it("§A4 W3 a verified contact_inbox reaches the conversations of the contact's verified devices, never the unverified ones", async () => {
    const w = await world();
    const phone = await buildContactInbox(t.db, { accountId: w.account.id, contactId: w.contact.id, inboxId: w.inbox.id });
    const laptop = await buildContactInbox(t.db, { accountId: w.account.id, contactId: w.contact.id, inboxId: w.inbox.id });
    const onPhone = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: phone.id });
    await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: laptop.id });
    await t.db.update(contactInboxes).set({ hmacVerified: true }).where(eq(contactInboxes.id, w.contactInbox.id));
    await t.db.update(contactInboxes).set({ hmacVerified: true }).where(eq(contactInboxes.id, phone.id));
    const ids = ((await clientApi("GET", `${w.contactBase}/conversations`)).body as PublicConversation[]).map((c) => c.id);
    expect(ids).toEqual([w.conversation.displayId, onPhone.displayId]);
    // The unverified laptop sees only its own.
    const fromLaptop = ((await clientApi("GET", `${w.base}/contacts/${laptop.sourceId}/conversations`)).body as PublicConversation[]).map((c) => c.id);
    expect(fromLaptop).toHaveLength(1);
    expect(fromLaptop).not.toContain(w.conversation.displayId);
  });

  it("§A5 C1 starts a conversation with custom_attributes only (200, open) and writes conversation.created", async () => {
    const w = await world();
    const res = await clientApi("POST", `${w.contactBase}/conversations`, { body: { custom_attributes: { order: 7 }, status: "resolved" } });
    expect(res.status).toBe(200);
    const created = res.body as PublicConversation;
    expect(created).toMatchObject({ status: "open", messages: [], contact: { id: w.contact.id } });
    expect(created.id).toBeGreaterThan(w.conversation.displayId);
    const [row] = await t.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.accountId, w.account.id), eq(conversations.displayId, created.id)));
    expect(row).toMatchObject({ customAttributes: { order: 7 }, contactInboxId: w.contactInbox.id });
    expect((await eventsOf(t.db, w.account.id)).filter((e) => e.type === "conversation.created" && e.conversationId === row!.id)).toHaveLength(1);
  });

  it("§A5 with lock_to_single_conversation returns the existing conversation", async () => {
    const w = await world({ lockToSingleConversation: true });
    const res = await clientApi("POST", `${w.contactBase}/conversations`, { body: {} });
    expect(res).toMatchObject({ status: 200, body: { id: w.conversation.displayId } });
  });

  it("§A6 shows the conversation; another contact's, an unknown one or a non-number is a 404", async () => {
    const w = await world();
    const other = await world();
    expect(await clientApi("GET", w.path)).toMatchObject({ status: 200, body: { id: w.conversation.displayId } });
    // Same account, another contact's conversation id.
    const sameAccount = await createConversation(t.db, {
      accountId: w.account.id,
      inboxId: w.inbox.id,
      contactId: (await t.db.insert(contacts).values({ accountId: w.account.id, name: "X" }).returning())[0]!.id,
    });
    for (const id of [sameAccount.displayId, other.conversation.displayId + 1000, "abc", "0"]) {
      expect(await clientApi("GET", `${w.contactBase}/conversations/${id}`)).toMatchObject({ status: 404, body: { error: "Resource could not be found" } });
    }
  });

  it("M5 private notes and activity messages never appear in §A4, §A6 or §A10", async () => {
    const w = await world();
    await clientApi("POST", `${w.path}/messages`, { body: { content: "hello" } });
    await w.agentSays("internal only", { private: true });
    await createActivityMessage(t.db, w.conversation, "Conversation was marked resolved by Alan", new Date());
    await w.agentSays("public reply");
    const expected = ["hello", "public reply"];
    const a4 = (await clientApi("GET", `${w.contactBase}/conversations`)).body as PublicConversation[];
    const a6 = (await clientApi("GET", w.path)).body as PublicConversation;
    const a10 = (await clientApi("GET", `${w.path}/messages`)).body as PublicMessage[];
    expect(a4[0]!.messages.map((m) => m.content)).toEqual(expected);
    expect(a6.messages.map((m) => m.content)).toEqual(expected);
    expect(a10.map((m) => m.content)).toEqual(expected);
    expect((await messagesOf(t.db, w.conversation.id)).map((m) => m.content)).toContain("internal only");
  });

  it("§A7 C2 the contact resolves; again is a 200 no-op; the contact never reopens", async () => {
    const w = await world();
    const res = await clientApi("POST", `${w.path}/toggle_status`);
    expect(res).toMatchObject({ status: 200, body: { id: w.conversation.displayId, status: "resolved" } });
    const activity = (await messagesOf(t.db, w.conversation.id)).filter((m) => m.messageType === "activity");
    expect(activity.map((m) => m.content)).toEqual(["Conversation was marked resolved by Grace Visitor"]);
    expect(await clientApi("POST", `${w.path}/toggle_status`)).toMatchObject({ status: 200, body: { status: "resolved" } });
    expect((await messagesOf(t.db, w.conversation.id)).filter((m) => m.messageType === "activity")).toHaveLength(1);
    expect((await reloadConversation(t.db, w.conversation.id)).waitingSince).toBeNull();
  });

  it("§A8 typing on/off (body or query) emits conversation.typing_* from the contact with an empty 200; other values emit nothing", async () => {
    const w = await world();
    const on = await clientApi("POST", `${w.path}/toggle_typing`, { body: { typing_status: "on" } });
    expect(on).toMatchObject({ status: 200, text: "" });
    expect((await clientApi("POST", `${w.path}/toggle_typing?typing_status=off`)).status).toBe(200);
    expect((await clientApi("POST", `${w.path}/toggle_typing`, { body: { typing_status: "maybe" } })).status).toBe(200);
    const typing = (await eventsOf(t.db, w.account.id)).filter((e) => e.type.startsWith("conversation.typing"));
    expect(typing.map((e) => e.type)).toEqual(["conversation.typing_on", "conversation.typing_off"]);
    expect(typing[0]).toMatchObject({
      private: false,
      contactInboxId: w.contactInbox.id,
      payload: { user: { type: "contact", id: w.contact.id }, is_private: false, conversation: { id: w.conversation.displayId } },
    });
  });

  it("§A9 C6 update_last_seen sets contact_last_seen_at and marks outgoing messages read (empty 200)", async () => {
    const w = await world();
    const reply = await w.agentSays("how can I help?", { now: new Date(Date.now() - 5000) });
    const res = await clientApi("POST", `${w.path}/update_last_seen`);
    expect(res).toMatchObject({ status: 200, text: "" });
    expect((await reloadConversation(t.db, w.conversation.id)).contactLastSeenAt).not.toBeNull();
    const [stored] = await t.db.select().from(messages).where(eq(messages.id, reply.id));
    expect(stored!.status).toBe("read");
    const shown = (await clientApi("GET", w.path)).body as PublicConversation;
    expect(shown.contact_last_seen_at).toBeGreaterThan(0);
  });

  it("§A10 M8 returns the latest 20 oldest first, and the 20 before a message id", async () => {
    const w = await world();
    const start = Date.now() - 3_600_000;
    for (let i = 1; i <= 25; i++) {
      await insertMessage(t.db, w.conversation, { messageType: "incoming", content: `m${i}`, sender: { type: "contact", id: w.contact.id }, createdAt: new Date(start + i * 1000) });
    }
    const latest = (await clientApi("GET", `${w.path}/messages`)).body as PublicMessage[];
    expect(latest.map((m) => m.content)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 6}`));
    expect(Object.keys(latest[0]!)).toEqual(["id", "content", "message_type", "content_type", "content_attributes", "created_at", "conversation_id", "sender"]);
    expect(latest[0]).toMatchObject({
      message_type: 0,
      content_type: "text",
      conversation_id: w.conversation.displayId,
      created_at: Math.floor((start + 6000) / 1000),
      sender: { type: "contact", id: w.contact.id },
    });
    const older = (await clientApi("GET", `${w.path}/messages?before=${latest[0]!.id}`)).body as PublicMessage[];
    expect(older.map((m) => m.content)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
  });

  it("§A11 M1 M4 posts an incoming message from the contact and answers PublicMessage (200)", async () => {
    const w = await world();
    const res = await clientApi("POST", `${w.path}/messages`, { body: { content: "Where is my order?" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ content: "Where is my order?", message_type: 0, content_type: "text", conversation_id: w.conversation.displayId, sender: { type: "contact", id: w.contact.id } });
    expect((await eventsOf(t.db, w.account.id)).filter((e) => e.type === "message.created")).toHaveLength(1);
  });

  it("B2 a contact's message into a waiting conversation costs a bounded number of SQL statements, and its answer is the same PublicMessage a re-read gives", async () => {
    const w = await world({ greetingEnabled: true, greetingMessage: "Hi there" });
    await clientApi("POST", `${w.path}/messages`, { body: { content: "first", echo_id: "b2-0" } });
    const counter = countStatements();
    const res = await clientApi("POST", `${w.path}/messages`, { body: { content: "second", echo_id: "b2-1" } });
    counter.stop();
    expect(res.status).toBe(200);
    // Look-up (inbox + contact_inbox), conversation, BEGIN, lock, echo_id, M2 count, insert, last activity,
    // the payload's conversation and contact, the event, the contact's activity, the automatic-message
    // state, COMMIT: 14 (were 21 before the inbox, contact and attachments stopped being read twice).
    if (backend === "postgres") expect(counter.count()).toBeGreaterThan(0);
    expect(counter.count()).toBeLessThanOrEqual(14);
    const replay = await clientApi("POST", `${w.path}/messages`, { body: { content: "second", echo_id: "b2-1" } });
    expect(replay.body).toEqual(res.body);
    const listed = (await clientApi("GET", `${w.path}/messages`)).body as PublicMessage[];
    expect(listed.find((m) => m.id === (res.body as PublicMessage).id)).toEqual(res.body);
  });

  it("§A11 M6 the same echo_id twice returns the stored message and writes one row", async () => {
    const w = await world();
    const first = await clientApi("POST", `${w.path}/messages`, { body: { content: "once", echo_id: "e-1" } });
    const second = await clientApi("POST", `${w.path}/messages`, { body: { content: "once", echo_id: "e-1" } });
    expect(second).toMatchObject({ status: 200, body: first.body as object });
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(1);
  });

  it("§A11 M2 past the flood limit: 429, Retry-After, 'Too many messages', nothing written", async () => {
    const w = await world();
    for (let i = 0; i < 20; i++) await insertMessage(t.db, w.conversation, { messageType: "incoming", content: `x${i}`, createdAt: new Date(Date.now() - 1000) });
    const res = await clientApi("POST", `${w.path}/messages`, { body: { content: "one more" } });
    expect(res).toMatchObject({ status: 429, body: { error: "Too many messages" } });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(20);
  });

  it("§A11 C4 a message to a resolved conversation reopens it", async () => {
    const w = await world();
    await clientApi("POST", `${w.path}/toggle_status`);
    await clientApi("POST", `${w.path}/messages`, { body: { content: "actually, one more thing" } });
    expect((await reloadConversation(t.db, w.conversation.id)).status).toBe("open");
  });

  it("§A12 submitted_values on input_email store the answer and set the contact's email (K1)", async () => {
    const w = await world();
    const ask = await w.agentSays("Your email?", { content_type: "input_email" });
    const values = [{ name: "email", title: "Email", value: "Grace@Example.test" }];
    const res = await clientApi("PATCH", `${w.path}/messages/${ask.id}`, { body: { submitted_values: values } });
    expect(res).toMatchObject({
      status: 200,
      body: { id: ask.id, content_type: "input_email", message_type: 1, content_attributes: { submitted_values: values, submitted_email: "Grace@Example.test" } },
    });
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, w.contact.id));
    expect(contact).toMatchObject({ email: "grace@example.test", contactType: "lead" });
    expect((await eventsOf(t.db, w.account.id)).some((e) => e.type === "message.updated" && (e.payload as { id: number }).id === ask.id)).toBe(true);
    const put = await clientApi("PUT", `${w.path}/messages/${ask.id}`, { body: { submitted_values: [{ name: "email", value: "bad" }] } });
    expect(put).toMatchObject({ status: 422, body: { attributes: ["email"] } });
  });

  it("AM3 §A11 §A12 the email-collect question that a first message triggers is answered through the Client API", async () => {
    const w = await world({ enableEmailCollect: true });
    await clientApi("POST", `${w.path}/messages`, { body: { content: "hello?" } });
    const shown = (await clientApi("GET", `${w.path}/messages`)).body as PublicMessage[];
    const ask = shown.find((m) => m.content_type === "input_email");
    expect(ask).toMatchObject({ message_type: 3 });
    const res = await clientApi("PATCH", `${w.path}/messages/${ask!.id}`, { body: { submitted_values: [{ name: "email", value: "grace@navy.test" }] } });
    expect(res.status).toBe(200);
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, w.contact.id));
    expect(contact!.email).toBe("grace@navy.test");
  });

  it("§A12 a CSAT answer is stored on the rating message and changeable for 14 days (then Chatwoot's 422); a text message takes no values; a private note is a 404", async () => {
    const w = await world();
    const csat = await w.agentSays("Rate us", { content_type: "input_csat" });
    const text = await w.agentSays("plain");
    const note = await w.agentSays("secret", { private: true });
    const csatBody = { submitted_values: { csat_survey_response: { rating: 5, feedback_message: "great" } } };
    expect(await clientApi("PATCH", `${w.path}/messages/${csat.id}`, { body: csatBody })).toMatchObject({
      status: 200,
      body: { id: csat.id, content_type: "input_csat", content_attributes: { submitted_values: { csat_survey_response: { rating: 5, feedback_message: "great" } } } },
    });
    expect(await clientApi("PATCH", `${w.path}/messages/${csat.id}`, { body: { submitted_values: { csat_survey_response: { rating: 9 } } } })).toMatchObject({
      status: 422,
      body: { attributes: ["rating"] },
    });
    await t.db
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 15 * 86_400_000) })
      .where(eq(messages.id, csat.id));
    expect(await clientApi("PATCH", `${w.path}/messages/${csat.id}`, { body: csatBody })).toMatchObject({ status: 422, body: { error: "You cannot update the CSAT survey after 14 days" } });
    expect(await clientApi("PATCH", `${w.path}/messages/${text.id}`, { body: { submitted_values: [{ name: "x", value: 1 }] } })).toMatchObject({
      status: 422,
      body: { attributes: ["submitted_values"] },
    });
    expect((await clientApi("PATCH", `${w.path}/messages/${note.id}`, { body: { submitted_values: [{ name: "x", value: 1 }] } })).status).toBe(404);
  });
});
