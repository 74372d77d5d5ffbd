import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportingEvents } from "@/db/schema";
import { applyStatusChange } from "@/lib/conversations/change-status";
import { SYSTEM } from "@/lib/conversations/actor";
import { createConversation } from "@/lib/conversations/create-conversation";
import { lockConversationById } from "@/lib/conversations/lock-conversation";
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { createMessage } from "@/lib/messages/create-message";
import { buildWorld } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";

// Monday 2 March 2026, 16:30 in New York (UTC−5): half an hour before the inbox closes (09:00–17:00).
const T0 = new Date("2026-03-02T21:30:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const H = 3600;

describe.each(backends)("reporting events on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { poolMax: 25 });
  });
  afterAll(async () => closeTestDatabase(t));

  async function world() {
    const w = await buildWorld(t.db, { workingHoursEnabled: true, timezone: "America/New_York", enableAutoAssignment: false });
    const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id, now: T0 });
    const contact = { type: "contact" as const, id: w.contact.id };
    const agent = { type: "user" as const, id: w.agent.id };
    const post = (sender: typeof contact | typeof agent, content: string, seconds: number, extra: { private?: boolean } = {}) =>
      createMessage(t.db, { conversationId: conversation.id, sender, input: { content, ...extra }, now: at(seconds) });
    const status = (s: "open" | "resolved" | "pending", seconds: number) =>
      toggleConversationStatus(t.db, { conversationId: conversation.id, input: { status: s }, actor: { type: "user", id: w.agent.id, role: "agent" }, now: at(seconds) });
    const eventsOf = () =>
      t.db
        .select({
          name: reportingEvents.name,
          value: reportingEvents.value,
          business: reportingEvents.valueInBusinessHours,
          userId: reportingEvents.userId,
          start: reportingEvents.eventStartTime,
          end: reportingEvents.eventEndTime,
        })
        .from(reportingEvents)
        .where(eq(reportingEvents.conversationId, conversation.id))
        .orderBy(asc(reportingEvents.id));
    return { ...w, conversation, contactSender: contact, agentSender: agent, post, status, eventsOf };
  }

  it("first response, reply time, resolution and reopening carry exact seconds and business seconds", async () => {
    const w = await world();
    await w.post(w.contactSender, "hello", 10);
    await w.post(w.agentSender, "a private note does not count", 20, { private: true });
    // Tuesday 09:30 New York: 17 h after creation, one of them inside working hours (16:30–17:00, 09:00–09:30).
    await w.post(w.agentSender, "good morning", 17 * H);
    await w.post(w.contactSender, "one more thing", 17 * H + 60);
    await w.post(w.contactSender, "still there?", 17 * H + 90);
    await w.post(w.agentSender, "yes", 17 * H + 60 + 300);
    await w.post(w.agentSender, "anything else?", 17 * H + 60 + 400); // nobody was waiting: no event
    await w.status("resolved", 18 * H);
    await w.post(w.contactSender, "reopen please", 18 * H + 600); // C4 reopens: conversation_opened
    await w.status("resolved", 18 * H + 900);

    expect(await w.eventsOf()).toEqual([
      { name: "first_response", value: 17 * H, business: H, userId: w.agent.id, start: T0, end: at(17 * H) },
      { name: "reply_time", value: 300, business: 300, userId: w.agent.id, start: at(17 * H + 60), end: at(17 * H + 360) },
      // Resolution time runs from creation; the assignee (none here) is credited.
      { name: "conversation_resolved", value: 18 * H, business: 2 * H, userId: null, start: T0, end: at(18 * H) },
      { name: "conversation_opened", value: 600, business: 600, userId: null, start: at(18 * H), end: at(18 * H + 600) },
      // The second resolution is measured from the reopening.
      { name: "conversation_resolved", value: 300, business: 300, userId: null, start: at(18 * H + 600), end: at(18 * H + 900) },
    ]);
  });

  it("a first response after a reopening is measured from the reopening", async () => {
    const w = await world();
    await w.status("resolved", 60);
    await w.status("open", 120);
    await w.post(w.agentSender, "hi", 180);
    const events = await w.eventsOf();
    expect(events.map((e) => [e.name, e.value])).toEqual([
      ["conversation_resolved", 60],
      ["conversation_opened", 60],
      ["first_response", 60],
    ]);
  });

  it("no event without its cause: a status change rolled back leaves no reporting event", async () => {
    const w = await world();
    await expect(
      t.db.transaction(async (tx) => {
        const c = await lockConversationById(tx, { conversationId: w.conversation.id });
        await applyStatusChange(tx, c, { status: "resolved", actor: SYSTEM, now: at(5) });
        throw new Error("the request failed after the change");
      }),
    ).rejects.toThrow("the request failed");
    expect(await w.eventsOf()).toEqual([]);
  });

  it("under concurrency: 12 simultaneous first replies record one first_response, 12 resolves one resolution", async () => {
    const w = await world();
    await w.post(w.contactSender, "hello", 1);
    await Promise.all(Array.from({ length: 12 }, (_, i) => w.post(w.agentSender, `reply ${i}`, 100 + i)));
    await Promise.all(Array.from({ length: 12 }, (_, i) => w.status("resolved", 200 + i)));
    const events = await w.eventsOf();
    expect(events.filter((e) => e.name === "first_response")).toHaveLength(1);
    expect(events.filter((e) => e.name === "reply_time")).toHaveLength(0);
    expect(events.filter((e) => e.name === "conversation_resolved")).toHaveLength(1);
  });
});
