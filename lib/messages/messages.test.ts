import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments, contacts } from "@/db/schema";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { createConversation } from "@/lib/conversations/create-conversation";
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { buildWorld, eventsOf, failure, messagesOf, reloadConversation } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createMessage } from "./create-message";
import { deleteMessage, DELETED_CONTENT } from "./delete-message";
import { listMessagesByConversation } from "./list-messages";
import type { AttachmentInput } from "./message-input";

const T0 = new Date("2026-03-02T10:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const file = (i: number): AttachmentInput => ({ fileName: `f${i}.png`, fileType: "image", fileSize: 10, contentType: "image/png", storageKey: `k/${i}` });

describe.each(backends)("messages on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { poolMax: 25 });
  });
  afterAll(async () => closeTestDatabase(t));

  async function world() {
    const w = await buildWorld(t.db);
    const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id, now: T0 });
    const contact = { type: "contact" as const, id: w.contact.id };
    const agent = { type: "user" as const, id: w.agent.id };
    const post = (sender: typeof contact | typeof agent, input: Parameters<typeof createMessage>[1]["input"], seconds: number, floodLimit?: number) =>
      createMessage(t.db, { conversationId: conversation.id, sender, input, now: at(seconds), floodLimit });
    return { ...w, conversation, contactSender: contact, agentSender: agent, post };
  }

  it("M1 accepts 150,000 characters and rejects 150,001 naming content, writing nothing", async () => {
    const w = await world();
    await expect(w.post(w.contactSender, { content: "a".repeat(150_000) }, 1)).resolves.toMatchObject({ created: true });
    const err = await failure(w.post(w.contactSender, { content: "a".repeat(150_001) }, 2));
    expect(err).toMatchObject({ code: "validation", fields: { content: ["is too long (maximum is 150000 characters)"] } });
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(1);
  });

  it("M1 limits source_id to 20,000 characters and attachments to 15; an empty message without attachments is invalid", async () => {
    const w = await world();
    expect((await failure(w.post(w.agentSender, { content: "x", source_id: "s".repeat(20_001) }, 1))).fields).toEqual({ source_id: ["is too long (maximum is 20000 characters)"] });
    await expect(w.post(w.agentSender, { content: "x", source_id: "s".repeat(20_000) }, 1)).resolves.toMatchObject({ created: true });
    expect((await failure(w.post(w.agentSender, { content: "x", attachments: Array.from({ length: 16 }, (_, i) => file(i)) }, 2))).fields).toEqual({ attachments: ["exceeded maximum allowed"] });
    const { message } = await w.post(w.agentSender, { attachments: Array.from({ length: 15 }, (_, i) => file(i)) }, 3);
    expect(await t.db.select().from(attachments).where(eq(attachments.messageId, message.id))).toHaveLength(15);
    expect((await failure(w.post(w.agentSender, { content: "   " }, 4))).fields).toEqual({ content: ["can't be blank"] });
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(2);
  });

  it("M1 a NUL character (which Postgres cannot store) is a 422 on its field, never a database error", async () => {
    const w = await world();
    expect((await failure(w.post(w.contactSender, { content: "a\u0000b" }, 1))).fields).toEqual({ content: ["contains a null character"] });
    expect((await failure(w.post(w.contactSender, { content: "ok", content_attributes: { x: "\u0000" } }, 1))).fields).toEqual({ content_attributes: ["contains a null character"] });
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(0);
  });

  it("M1 interactive content types need well-formed items (Chatwoot's ContentAttributeValidator)", async () => {
    const w = await world();
    const bad = await failure(w.post(w.agentSender, { content: "Pick", content_type: "input_select", content_attributes: {} }, 1));
    expect(bad.fields).toEqual({ content_attributes: ["items can't be blank"] });
    const extra = await failure(w.post(w.agentSender, { content: "Pick", content_type: "input_select", content_attributes: { items: [{ title: "A", value: "a", onclick: "x" }] } }, 1));
    expect(extra.fields).toEqual({ content_attributes: ["items have unknown keys: onclick"] });
    await expect(w.post(w.agentSender, { content: "Pick", content_type: "input_select", content_attributes: { items: [{ title: "A", value: "a" }] } }, 1)).resolves.toMatchObject({ created: true });
  });

  it("M2 rejects the message over the per-minute limit with Retry-After from the oldest message in the window", async () => {
    const w = await world();
    await w.post(w.contactSender, { content: "1" }, 0);
    await w.post(w.contactSender, { content: "2" }, 10);
    const eventsBefore = (await eventsOf(t.db, w.account.id)).length;
    const err = await failure(w.post(w.contactSender, { content: "3" }, 15, 2));
    expect(err).toMatchObject({ code: "rate_limited", message: "Too many messages", retryAfterSeconds: 45 });
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(2);
    expect((await eventsOf(t.db, w.account.id)).length).toBe(eventsBefore); // E2: nothing written
    // The window rolls: once the first message is 60 s old, one more fits.
    await expect(w.post(w.contactSender, { content: "3" }, 60, 2)).resolves.toMatchObject({ created: true });
    expect((await failure(w.post(w.contactSender, { content: "4" }, 61, 2))).retryAfterSeconds).toBe(9);
  });

  it("M2 is exact under concurrency: 50 simultaneous posts with limit 20 store exactly 20", async () => {
    const w = await world();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => createMessage(t.db, { conversationId: w.conversation.id, sender: w.agentSender, input: { content: `m${i}` }, floodLimit: 20 })),
    );
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
    expect(rejected).toHaveLength(30);
    expect(rejected.every((r) => (r.reason as { code?: string }).code === "rate_limited")).toBe(true);
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(20);
  });

  it("M3 the first public human reply sets first_reply_created_at and clears waiting_since (first_reply.created)", async () => {
    const w = await world();
    await w.post(w.contactSender, { content: "help" }, 1);
    expect((await reloadConversation(t.db, w.conversation.id)).waitingSince).toEqual(T0);
    await w.post(w.agentSender, { content: "on it" }, 3600);
    expect(await reloadConversation(t.db, w.conversation.id)).toMatchObject({ firstReplyCreatedAt: at(3600), waitingSince: null });
    const first = (await eventsOf(t.db, w.account.id)).filter((e) => e.type === "first_reply.created");
    expect(first).toHaveLength(1);
    expect(first[0]!.private).toBe(true);
  });

  it("M3 later replies clear waiting_since with reply.created; incoming sets waiting_since only when empty", async () => {
    const w = await world();
    await w.post(w.agentSender, { content: "first" }, 1);
    await w.post(w.contactSender, { content: "q1" }, 10);
    await w.post(w.contactSender, { content: "q2" }, 20);
    expect((await reloadConversation(t.db, w.conversation.id)).waitingSince).toEqual(at(10));
    await w.post(w.agentSender, { content: "a" }, 70);
    expect(await reloadConversation(t.db, w.conversation.id)).toMatchObject({ firstReplyCreatedAt: at(1), waitingSince: null });
    const replies = (await eventsOf(t.db, w.account.id)).filter((e) => e.type === "reply.created");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.payload.waiting_since).toBe(at(10).getTime() / 1000);
  });

  it("M3 automation, campaign and template messages are not human responses", async () => {
    const w = await world();
    await w.post(w.agentSender, { content: "bot", content_attributes: { automation_rule_id: 4 } }, 1);
    await w.post(w.agentSender, { content: "camp", additional_attributes: { campaign_id: 2 } }, 2);
    await w.post(w.agentSender, { content: "tpl", message_type: "template" }, 3);
    expect(await reloadConversation(t.db, w.conversation.id)).toMatchObject({ firstReplyCreatedAt: null, waitingSince: T0 });
  });

  it("M4 every message moves last_activity_at to its created_at; incoming also moves the contact's", async () => {
    const w = await world();
    await w.post(w.contactSender, { content: "hi" }, 30);
    expect((await reloadConversation(t.db, w.conversation.id)).lastActivityAt).toEqual(at(30));
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, w.contact.id));
    expect(contact!.lastActivityAt).toEqual(at(30));
    await w.post(w.agentSender, { content: "note", private: true }, 40);
    expect((await reloadConversation(t.db, w.conversation.id)).lastActivityAt).toEqual(at(40));
  });

  it("M5 private notes never count for first reply or waiting time and their events are private", async () => {
    const w = await world();
    await w.post(w.contactSender, { content: "help" }, 1);
    await w.post(w.agentSender, { content: "internal", private: true }, 2);
    expect(await reloadConversation(t.db, w.conversation.id)).toMatchObject({ firstReplyCreatedAt: null, waitingSince: T0 });
    const created = (await eventsOf(t.db, w.account.id)).filter((e) => e.type === "message.created");
    expect(created.map((e) => [e.payload.content, e.private])).toEqual([
      ["help", false],
      ["internal", true],
    ]);
    expect(created[1]!.payload).toMatchObject({ private: true, message_type: 1, sender_type: "User", sender: { id: w.agent.id, type: "user" }, performer: { id: w.agent.id, type: "user" } });
    expect(created[0]!.payload.performer).toBeUndefined();
  });

  it("M6 the same echo_id in the same conversation returns the stored message and creates nothing", async () => {
    const w = await world();
    const first = await w.post(w.contactSender, { content: "once", echo_id: "e-1" }, 1);
    const again = await w.post(w.contactSender, { content: "once", echo_id: "e-1" }, 2);
    expect(again).toEqual({ message: first.message, created: false });
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(1);
    expect(first.created).toBe(true);
  });

  it("M6 concurrent posts with the same echo_id store one message", async () => {
    const w = await world();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => createMessage(t.db, { conversationId: w.conversation.id, sender: w.contactSender, input: { content: "dup", echo_id: "same" } })),
    );
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(1);
  });

  it("M7 delete is soft: content replaced, deleted flag set, attachments removed, message.updated emitted", async () => {
    const w = await world();
    const { message } = await w.post(w.agentSender, { content: "oops", attachments: [file(1), file(2)] }, 1);
    const deleted = await deleteMessage(t.db, { conversationId: w.conversation.id, messageId: message.id });
    expect(deleted).toMatchObject({ id: message.id, content: DELETED_CONTENT, contentAttributes: { deleted: true } });
    expect(await t.db.select().from(attachments).where(eq(attachments.messageId, message.id))).toHaveLength(0);
    const updated = (await eventsOf(t.db, w.account.id)).filter((e) => e.type === "message.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]!.payload).toMatchObject({ id: message.id, content: DELETED_CONTENT, content_attributes: { deleted: true } });
    expect(updated[0]!.payload.attachments).toBeUndefined();
  });

  it("M8 pages: latest 20, before=id 20 older, after=id up to 100 newer, ascending", async () => {
    const w = await world();
    const ids: number[] = [];
    for (let i = 0; i < 130; i++) {
      const { message } = await createMessage(t.db, { conversationId: w.conversation.id, sender: w.agentSender, input: { content: `m${i}` }, now: at(i * 61), floodLimit: 1000 });
      ids.push(message.id);
    }
    const latest = await listMessagesByConversation(t.db, { conversationId: w.conversation.id });
    expect(latest.map((m) => m.id)).toEqual(ids.slice(-20));
    const older = await listMessagesByConversation(t.db, { conversationId: w.conversation.id, before: ids[110]! });
    expect(older.map((m) => m.id)).toEqual(ids.slice(90, 110));
    const newer = await listMessagesByConversation(t.db, { conversationId: w.conversation.id, after: ids[4]! });
    expect(newer.map((m) => m.id)).toEqual(ids.slice(5, 105));
    const between = await listMessagesByConversation(t.db, { conversationId: w.conversation.id, after: ids[4]!, before: ids[125]! });
    expect(between.map((m) => m.id)).toEqual(ids.slice(5, 125));
  });

  it("M8 the contact's view hides private notes and activity", async () => {
    const w = await world();
    await w.post(w.contactSender, { content: "hi" }, 1);
    await w.post(w.agentSender, { content: "note", private: true }, 2);
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "resolved" }, actor: { type: "user", id: w.admin.id, role: "administrator" }, now: at(3) });
    const visible = await listMessagesByConversation(t.db, { conversationId: w.conversation.id, contactView: true });
    expect(visible.map((m) => m.content)).toEqual(["hi"]);
  });

  it("C4 an incoming message reopens snoozed and resolved conversations, but not a blocked contact's", async () => {
    const w = await world();
    const admin = { type: "user" as const, id: w.admin.id, role: "administrator" as const };
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "snoozed" }, actor: admin, now: at(1) });
    await w.post(w.contactSender, { content: "wake" }, 2);
    expect(await reloadConversation(t.db, w.conversation.id)).toMatchObject({ status: "open", snoozedUntil: null });
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "resolved" }, actor: admin, now: at(3) });
    await w.post(w.contactSender, { content: "again" }, 4);
    expect((await reloadConversation(t.db, w.conversation.id)).status).toBe("open");
    const texts = (await messagesOf(t.db, w.conversation.id)).filter((m) => m.messageType === "activity").map((m) => m.content);
    expect(texts).toContain("System reopened the conversation due to a new incoming message.");

    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "resolved" }, actor: admin, now: at(5) });
    await t.db.update(contacts).set({ blocked: true }).where(eq(contacts.id, w.contact.id));
    await w.post(w.contactSender, { content: "blocked" }, 6);
    expect((await reloadConversation(t.db, w.conversation.id)).status).toBe("resolved");
  });

  it("C4 an incoming message does not change the assignee or self-assign", async () => {
    const w = await world();
    await assignConversation(t.db, { conversationId: w.conversation.id, assigneeId: w.agent.id, actor: { type: "user", id: w.admin.id, role: "administrator" }, mode: "reassign" });
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "resolved" }, actor: { type: "system" } });
    await w.post(w.contactSender, { content: "back" }, 10);
    expect(await reloadConversation(t.db, w.conversation.id)).toMatchObject({ status: "open", assigneeId: w.agent.id });
  });

  it("M5 a contact's message is incoming and public whatever the body claims", async () => {
    const w = await world();
    const { message } = await w.post(w.contactSender, { content: "sneaky", message_type: "outgoing", private: true }, 1);
    expect(message).toMatchObject({ messageType: "incoming", private: false, senderType: "contact" });
    expect((await reloadConversation(t.db, w.conversation.id)).firstReplyCreatedAt).toBeNull();
  });

  it("a contact cannot post into another contact's conversation (404, nothing written)", async () => {
    const w = await world();
    const err = await failure(createMessage(t.db, { conversationId: w.conversation.id, sender: { type: "contact", id: w.contact.id + 1000 }, input: { content: "x" } }));
    expect(err.code).toBe("not_found");
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(0);
  });

  it("message.created carries MessagePush with the conversation summary and sender", async () => {
    const w = await world();
    const { message } = await w.post(w.contactSender, { content: "hello", echo_id: "abc" }, 7);
    const event = (await eventsOf(t.db, w.account.id)).find((e) => e.type === "message.created")!;
    expect(event).toMatchObject({ private: false, inboxId: w.inbox.id, conversationId: w.conversation.id, contactInboxId: w.contactInbox.id });
    expect(event.payload).toEqual(
      expect.objectContaining({
        id: message.id,
        content: "hello",
        account_id: w.account.id,
        inbox_id: w.inbox.id,
        conversation_id: w.conversation.displayId,
        message_type: 0,
        created_at: at(7).getTime() / 1000,
        status: "sent",
        content_type: "text",
        sender_type: "Contact",
        sender_id: w.contact.id,
        echo_id: "abc",
        conversation: { assignee_id: null, unread_count: 1, last_activity_at: at(7).getTime() / 1000, contact_inbox: { source_id: w.contactInbox.sourceId } },
        sender: expect.objectContaining({ id: w.contact.id, type: "contact", name: "Grace Visitor" }),
      }),
    );
  });
});
