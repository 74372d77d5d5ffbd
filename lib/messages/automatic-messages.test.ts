import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, contacts, type NewInbox } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { buildWorld, eventsOf, messagesOf } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { emailCollectContent } from "./automatic-messages";
import { createMessage } from "./create-message";

// Monday 2026-03-02: 10:00 UTC is inside 09:00–17:00, 18:00 UTC is after hours.
const OPEN = new Date("2026-03-02T10:00:00.000Z");
const CLOSED = new Date("2026-03-02T18:00:00.000Z");
const plus = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);

describe.each(backends)("automatic messages on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => closeTestDatabase(t));

  async function world(inbox: Partial<NewInbox>) {
    const w = await buildWorld(t.db, inbox);
    const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id, now: OPEN });
    const incoming = (now: Date) => createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content: "hello" }, now });
    const reply = (now: Date) => createMessage(t.db, { conversationId: conversation.id, sender: { type: "user", id: w.agent.id }, input: { content: "hi" }, now });
    const templates = async () => (await messagesOf(t.db, conversation.id)).filter((m) => m.messageType === "template").map((m) => m.content);
    return { ...w, conversation, incoming, reply, templates };
  }

  it("AM1 sends the greeting once, while there is no outgoing or template message yet", async () => {
    const w = await world({ greetingEnabled: true, greetingMessage: "Welcome!" });
    await w.incoming(OPEN);
    await w.incoming(plus(OPEN, 10));
    expect(await w.templates()).toEqual(["Welcome!"]);
    const all = await messagesOf(t.db, w.conversation.id);
    expect(all.map((m) => m.messageType)).toEqual(["incoming", "template", "incoming"]);
    const event = (await eventsOf(t.db, w.account.id)).find((e) => e.type === "message.created" && e.payload.content === "Welcome!");
    expect(event).toMatchObject({ private: false, payload: { message_type: 3 } });
  });

  it("AM1 no greeting when disabled, when empty, or after an agent already replied", async () => {
    const off = await world({ greetingEnabled: false, greetingMessage: "Welcome!" });
    await off.incoming(OPEN);
    expect(await off.templates()).toEqual([]);
    const replied = await world({ greetingEnabled: true, greetingMessage: "Welcome!" });
    await replied.reply(OPEN);
    await replied.incoming(plus(OPEN, 1));
    expect(await replied.templates()).toEqual([]);
  });

  it("AM2 sends the out-of-office message when the inbox is closed on its own clock, once a day", async () => {
    const w = await world({ workingHoursEnabled: true, outOfOfficeMessage: "We are away", timezone: "UTC" });
    await w.incoming(OPEN);
    expect(await w.templates()).toEqual([]);
    await w.incoming(CLOSED);
    await w.incoming(plus(CLOSED, 600));
    expect(await w.templates()).toEqual(["We are away"]);
    // Next local day, still closed (Tuesday 05:00 UTC): a new out-of-office.
    await w.incoming(new Date("2026-03-03T05:00:00.000Z"));
    expect(await w.templates()).toEqual(["We are away", "We are away"]);
  });

  it("AM2 'today' is the inbox's day: in Tokyo, 18:00 and 23:30 UTC on Monday are both Tuesday morning", async () => {
    const w = await world({ workingHoursEnabled: true, outOfOfficeMessage: "Away", timezone: "Asia/Tokyo" });
    await w.incoming(CLOSED); // Tuesday 03:00 Tokyo: closed
    await w.incoming(new Date("2026-03-02T23:30:00.000Z")); // Tuesday 08:30 Tokyo: closed, same local day
    expect(await w.templates()).toEqual(["Away"]);
  });

  it("AM2 no out-of-office after an agent's public reply in the last 5 minutes, or when working hours are off", async () => {
    const w = await world({ workingHoursEnabled: true, outOfOfficeMessage: "Away", timezone: "UTC" });
    await w.reply(CLOSED);
    await w.incoming(plus(CLOSED, 299));
    expect(await w.templates()).toEqual([]);
    await w.incoming(plus(CLOSED, 301));
    expect(await w.templates()).toEqual(["Away"]);
    const off = await world({ workingHoursEnabled: false, outOfOfficeMessage: "Away" });
    await off.incoming(CLOSED);
    expect(await off.templates()).toEqual([]);
  });

  it("AM2 out-of-office and greeting together: both are judged before either is written", async () => {
    const w = await world({ workingHoursEnabled: true, outOfOfficeMessage: "Away", greetingEnabled: true, greetingMessage: "Hello there", timezone: "UTC" });
    await w.incoming(CLOSED);
    expect(await w.templates()).toEqual(["Away", "Hello there"]);
  });

  it("AM3 writes its prompt in the account's language at the moment it is sent; stored text stays as written", async () => {
    const w = await world({ enableEmailCollect: true });
    await t.db.update(accounts).set({ locale: "ru" }).where(eq(accounts.id, w.conversation.accountId));
    await w.incoming(OPEN);
    await t.db.update(accounts).set({ locale: "en" }).where(eq(accounts.id, w.conversation.accountId));
    const collect = (await messagesOf(t.db, w.conversation.id)).filter((m) => m.contentType === "input_email");
    expect(collect.map((m) => m.content)).toEqual(["Получайте уведомления по эл. почте"]);
  });

  it("AM3 asks for the email (input_email) once per conversation while the contact has none", async () => {
    const w = await world({ enableEmailCollect: true });
    await w.incoming(OPEN);
    await w.incoming(plus(OPEN, 5));
    const collect = (await messagesOf(t.db, w.conversation.id)).filter((m) => m.contentType === "input_email");
    expect(collect).toHaveLength(1);
    expect(collect[0]).toMatchObject({ messageType: "template", content: "Get notified by email" });
    expect(emailCollectContent("en")).toBe("Get notified by email");

    const known = await world({ enableEmailCollect: true });
    await t.db.update(contacts).set({ email: "known@example.com" }).where(eq(contacts.id, known.contact.id));
    await known.incoming(OPEN);
    expect(await known.templates()).toEqual([]);
  });

  it("AM only for incoming messages: an agent's message triggers nothing", async () => {
    const w = await world({ greetingEnabled: true, greetingMessage: "Welcome!", enableEmailCollect: true });
    await w.reply(OPEN);
    expect(await w.templates()).toEqual([]);
  });
});
