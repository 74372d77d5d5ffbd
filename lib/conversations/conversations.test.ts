import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMessage } from "@/lib/messages/create-message";
import { addMember, buildContact, buildContactInbox, buildLabel, buildUser, buildWorld, eventsOf, failure, messagesOf, reloadConversation } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import type { Actor } from "./actor";
import { assignConversation } from "./assign-conversation";
import { addConversationLabels, removeConversationLabels } from "./conversation-labels";
import { createConversation } from "./create-conversation";
import { markConversationUnread, updateAgentLastSeen, updateContactLastSeen } from "./last-seen";
import { reopenDueSnoozed } from "./reopen-due-snoozed";
import { toggleConversationPriority } from "./toggle-priority";
import { toggleConversationStatus } from "./toggle-status";
import { countUnreadIncoming } from "./unread";

const T0 = new Date("2026-03-02T10:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(backends)("conversations on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { poolMax: 25 });
  });
  afterAll(async () => closeTestDatabase(t));

  async function world() {
    const w = await buildWorld(t.db);
    const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id, now: T0 });
    const asAgent: Actor = { type: "user", id: w.agent.id, role: "agent" };
    const asAdmin: Actor = { type: "user", id: w.admin.id, role: "administrator" };
    const incoming = (seconds: number, content = "hi") => createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content }, now: at(seconds) });
    const reply = (seconds: number, extra: Record<string, unknown> = {}) =>
      createMessage(t.db, { conversationId: conversation.id, sender: { type: "user", id: w.agent.id }, input: { content: "hello", ...extra }, now: at(seconds) });
    return { ...w, conversation, asAgent, asAdmin, incoming, reply };
  }
  const types = async (accountId: number) => (await eventsOf(t.db, accountId)).map((e) => e.type);

  it("C1 sets waiting_since = last_activity_at = created_at, numbers per account and emits conversation.created", async () => {
    const w = await world();
    expect(w.conversation.createdAt).toEqual(T0);
    expect(w.conversation.waitingSince).toEqual(T0);
    expect(w.conversation.lastActivityAt).toEqual(T0);
    expect(w.conversation).toMatchObject({ status: "open", displayId: 1, priority: null, assigneeId: null });
    const [event] = await eventsOf(t.db, w.account.id);
    expect(event).toMatchObject({ type: "conversation.created", private: false, inboxId: w.inbox.id, conversationId: w.conversation.id, contactInboxId: w.contactInbox.id });
    expect(event!.payload).toMatchObject({
      id: 1,
      status: "open",
      inbox_id: w.inbox.id,
      channel: "Channel::WebWidget",
      meta: { sender: { id: w.contact.id, type: "contact" }, assignee: null },
      waiting_since: T0.getTime() / 1000,
      account_id: w.account.id,
    });
  });

  it("C1 creates a blocked contact's conversation resolved; unknown inbox or contact is a 404", async () => {
    const w = await world();
    const blocked = await buildContact(t.db, { accountId: w.account.id, blocked: true });
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: blocked.id });
    expect(c.status).toBe("resolved");
    expect((await failure(createConversation(t.db, { accountId: w.account.id + 999, inboxId: w.inbox.id, contactId: blocked.id }))).code).toBe("not_found");
  });

  it("C2 toggles open → resolved and resolved → open", async () => {
    const w = await world();
    const resolved = await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: {}, actor: w.asAdmin, now: at(5) });
    expect(resolved.status).toBe("resolved");
    expect(resolved.waitingSince).toBeNull();
    const reopened = await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: {}, actor: w.asAdmin, now: at(6) });
    expect(reopened.status).toBe("open");
    expect(await types(w.account.id)).toEqual([
      "conversation.created",
      "message.created",
      "conversation.status_changed",
      "conversation.resolved",
      "conversation.updated",
      "message.created",
      "conversation.status_changed",
      "conversation.opened",
      "conversation.updated",
    ]);
  });

  it("C2 pending and snoozed toggle to open; a given status is set; snoozed keeps snoozed_until, others clear it", async () => {
    const w = await world();
    const until = at(3600);
    const snoozed = await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "snoozed", snoozed_until: until.getTime() / 1000 }, actor: w.asAdmin, now: at(1) });
    expect(snoozed).toMatchObject({ status: "snoozed", snoozedUntil: until });
    const opened = await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: {}, actor: w.asAdmin, now: at(2) });
    expect(opened).toMatchObject({ status: "open", snoozedUntil: null });
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "pending" }, actor: w.asAdmin, now: at(3) });
    expect((await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: {}, actor: w.asAdmin, now: at(4) })).status).toBe("open");
    const untilNext = await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "snoozed" }, actor: w.asAdmin, now: at(5) });
    expect(untilNext).toMatchObject({ status: "snoozed", snoozedUntil: null });
    const bad = await failure(toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "bogus" as "open" }, actor: w.asAdmin }));
    expect(bad).toMatchObject({ code: "validation", fields: { status: expect.any(Array) } });
  });

  it("C3 an agent opening an unassigned conversation is assigned; an administrator is not; an assignee is kept", async () => {
    const w = await world();
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "resolved" }, actor: w.asAdmin, now: at(1) });
    const byAdmin = await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "open" }, actor: w.asAdmin, now: at(2) });
    expect(byAdmin.assigneeId).toBeNull();
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "resolved" }, actor: w.asAdmin, now: at(3) });
    const byAgent = await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: {}, actor: w.asAgent, now: at(4) });
    expect(byAgent).toMatchObject({ status: "open", assigneeId: w.agent.id });
    expect((await messagesOf(t.db, w.conversation.id)).at(-1)!.content).toBe("Alan Agent self-assigned this conversation");

    const other = await buildUser(t.db, { accountId: w.account.id, role: "agent", name: "Other" });
    await addMember(t.db, { accountId: w.account.id, inboxId: w.inbox.id, userId: other.id });
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: {}, actor: w.asAgent, now: at(5) });
    const kept = await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: {}, actor: { type: "user", id: other.id, role: "agent" }, now: at(6) });
    expect(kept.assigneeId).toBe(w.agent.id);
  });

  it("C4 the sweep reopens snoozed conversations whose time has come, and only those", async () => {
    const w = await world();
    const later = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, now: T0 });
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "snoozed", snoozed_until: at(60).toISOString() }, actor: w.asAdmin, now: at(1) });
    await toggleConversationStatus(t.db, { conversationId: later.id, input: { status: "snoozed", snoozed_until: at(600).toISOString() }, actor: w.asAdmin, now: at(1) });
    expect(await reopenDueSnoozed(t.db, at(59))).toBe(0);
    expect(await reopenDueSnoozed(t.db, at(61))).toBe(1);
    expect(await reloadConversation(t.db, w.conversation.id)).toMatchObject({ status: "open", snoozedUntil: null });
    expect((await reloadConversation(t.db, later.id)).status).toBe("snoozed");
    expect((await messagesOf(t.db, w.conversation.id)).at(-1)).toMatchObject({ messageType: "activity", content: "Conversation was reopened as the snooze time expired" });
  });

  it("C5 assignment records assignee_assigned_at, an activity message and assignee.changed; claiming someone else's is a 409", async () => {
    const w = await world();
    const claimed = await assignConversation(t.db, { conversationId: w.conversation.id, assigneeId: w.agent.id, actor: w.asAgent, mode: "claim", now: at(1) });
    expect(claimed).toMatchObject({ assigneeId: w.agent.id, assigneeAssignedAt: at(1) });
    const second = await buildUser(t.db, { accountId: w.account.id, name: "Bea" });
    await addMember(t.db, { accountId: w.account.id, inboxId: w.inbox.id, userId: second.id });
    const conflict = await failure(assignConversation(t.db, { conversationId: w.conversation.id, assigneeId: second.id, actor: { type: "user", id: second.id, role: "agent" }, mode: "claim" }));
    expect(conflict.code).toBe("conflict");
    const moved = await assignConversation(t.db, { conversationId: w.conversation.id, assigneeId: second.id, actor: w.asAdmin, mode: "reassign", now: at(2) });
    expect(moved).toMatchObject({ assigneeId: second.id, assigneeAssignedAt: at(2) });
    const activity = (await messagesOf(t.db, w.conversation.id)).filter((m) => m.messageType === "activity").map((m) => m.content);
    expect(activity).toEqual(["Alan Agent self-assigned this conversation", "Assigned to Bea by Ada Admin"]);
    const events = await eventsOf(t.db, w.account.id);
    const changed = events.filter((e) => e.type === "assignee.changed");
    expect(changed).toHaveLength(2);
    expect(changed[1]).toMatchObject({ private: true, payload: { meta: { assignee: { id: second.id, name: "Bea", type: "user" }, assignee_type: "User" } } });
    expect(events.filter((e) => e.type === "conversation.updated")).toHaveLength(2);
    const unassigned = await assignConversation(t.db, { conversationId: w.conversation.id, assigneeId: null, actor: w.asAdmin, mode: "reassign" });
    expect(unassigned).toMatchObject({ assigneeId: null, assigneeAssignedAt: null });
  });

  it("C5 the assignee must be a member of the inbox (422)", async () => {
    const w = await world();
    const outsider = await buildUser(t.db, { accountId: w.account.id });
    const err = await failure(assignConversation(t.db, { conversationId: w.conversation.id, assigneeId: outsider.id, actor: w.asAdmin, mode: "reassign" }));
    expect(err).toMatchObject({ code: "validation", fields: { assignee_id: ["is not a member of this inbox"] } });
    expect((await reloadConversation(t.db, w.conversation.id)).assigneeId).toBeNull();
  });

  it("C5 20 simultaneous claims by different agents leave exactly one assignee and 19 conflicts", async () => {
    const w = await world();
    const agents = await Promise.all(Array.from({ length: 20 }, (_, i) => buildUser(t.db, { accountId: w.account.id, name: `Agent ${i}` })));
    for (const a of agents) await addMember(t.db, { accountId: w.account.id, inboxId: w.inbox.id, userId: a.id });
    const results = await Promise.allSettled(
      agents.map((a) => assignConversation(t.db, { conversationId: w.conversation.id, assigneeId: a.id, actor: { type: "user", id: a.id, role: "agent" }, mode: "claim" })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    expect(lost.every((r) => (r.reason as { code?: string }).code === "conflict")).toBe(true);
    const final = await reloadConversation(t.db, w.conversation.id);
    expect(final.assigneeId).toBe((won[0] as PromiseFulfilledResult<{ assigneeId: number }>).value.assigneeId);
    expect((await eventsOf(t.db, w.account.id)).filter((e) => e.type === "assignee.changed")).toHaveLength(1);
  });

  it("toggle_priority sets and clears the priority with activity messages; an invalid value is a 422", async () => {
    const w = await world();
    expect((await toggleConversationPriority(t.db, { conversationId: w.conversation.id, input: { priority: "high" }, actor: w.asAdmin })).priority).toBe("high");
    expect((await toggleConversationPriority(t.db, { conversationId: w.conversation.id, input: { priority: "urgent" }, actor: w.asAdmin })).priority).toBe("urgent");
    expect((await toggleConversationPriority(t.db, { conversationId: w.conversation.id, input: {}, actor: w.asAdmin })).priority).toBeNull();
    const bad = await failure(toggleConversationPriority(t.db, { conversationId: w.conversation.id, input: { priority: "none" as "low" }, actor: w.asAdmin }));
    expect(bad).toMatchObject({ code: "validation", fields: { priority: expect.any(Array) } });
    const activity = (await messagesOf(t.db, w.conversation.id)).map((m) => m.content);
    expect(activity).toEqual(["Ada Admin set the priority to high", "Ada Admin changed the priority from high to urgent", "Ada Admin removed the priority"]);
  });

  it("labels are lower-cased, must exist in the account, and additions/removals are recorded", async () => {
    const w = await world();
    await buildLabel(t.db, { accountId: w.account.id, title: "billing" });
    await buildLabel(t.db, { accountId: w.account.id, title: "vip" });
    const added = await addConversationLabels(t.db, { conversationId: w.conversation.id, input: { labels: ["Billing", "VIP"] }, actor: w.asAgent });
    expect(added.labels).toEqual(["billing", "vip"]);
    const missing = await failure(addConversationLabels(t.db, { conversationId: w.conversation.id, input: { labels: ["nope"] }, actor: w.asAgent }));
    expect(missing).toMatchObject({ code: "validation", fields: { labels: ["do not exist: nope"] } });
    const removed = await removeConversationLabels(t.db, { conversationId: w.conversation.id, input: { labels: ["vip"] }, actor: w.asAgent });
    expect(removed.labels).toEqual(["billing"]);
    expect((await messagesOf(t.db, w.conversation.id)).map((m) => m.content)).toEqual(["Alan Agent added billing, vip", "Alan Agent removed vip"]);
  });

  it("C6 agent last-seen writes only with unread messages or a stale (> 1 h) value; assignee_last_seen_at only for the assignee", async () => {
    const w = await world();
    expect((await updateAgentLastSeen(t.db, { conversationId: w.conversation.id, userId: w.admin.id, now: at(10) })).updated).toBe(true);
    expect((await updateAgentLastSeen(t.db, { conversationId: w.conversation.id, userId: w.admin.id, now: at(20) })).updated).toBe(false);
    expect((await reloadConversation(t.db, w.conversation.id)).agentLastSeenAt).toEqual(at(10));
    await w.incoming(30);
    expect((await updateAgentLastSeen(t.db, { conversationId: w.conversation.id, userId: w.admin.id, now: at(40) })).updated).toBe(true);
    expect((await updateAgentLastSeen(t.db, { conversationId: w.conversation.id, userId: w.admin.id, now: at(40 + 3601) })).updated).toBe(true);
    const c = await reloadConversation(t.db, w.conversation.id);
    expect(c).toMatchObject({ agentLastSeenAt: at(40 + 3601), assigneeLastSeenAt: null });

    await assignConversation(t.db, { conversationId: w.conversation.id, assigneeId: w.agent.id, actor: w.asAdmin, mode: "reassign" });
    expect((await updateAgentLastSeen(t.db, { conversationId: w.conversation.id, userId: w.agent.id, now: at(4000) })).updated).toBe(true);
    expect(await reloadConversation(t.db, w.conversation.id)).toMatchObject({ agentLastSeenAt: at(4000), assigneeLastSeenAt: at(4000) });
    expect(await types(w.account.id)).not.toContain("conversation.read");
  });

  it("C6 contact last-seen marks sent replies read at once, and is throttled to once per 10 s when there is nothing to mark", async () => {
    const w = await world();
    await w.incoming(1);
    const { message: out } = await w.reply(2);
    const { message: note } = await w.reply(3, { private: true });
    expect((await updateContactLastSeen(t.db, { conversationId: w.conversation.id, now: at(5) })).updated).toBe(true);
    // Nothing new to mark: the repeat within 10 s is dropped.
    expect((await updateContactLastSeen(t.db, { conversationId: w.conversation.id, now: at(7) })).updated).toBe(false);
    expect((await reloadConversation(t.db, w.conversation.id)).contactLastSeenAt).toEqual(at(5));
    // A reply read within the 10 s is never dropped.
    const { message: later } = await w.reply(8);
    expect((await updateContactLastSeen(t.db, { conversationId: w.conversation.id, now: at(9) })).updated).toBe(true);
    expect((await reloadConversation(t.db, w.conversation.id)).contactLastSeenAt).toEqual(at(9));
    const byId = new Map((await messagesOf(t.db, w.conversation.id)).map((m) => [m.id, m.status]));
    expect([byId.get(out.id), byId.get(note.id), byId.get(later.id)]).toEqual(["read", "sent", "read"]);
    expect((await updateContactLastSeen(t.db, { conversationId: w.conversation.id, now: at(18) })).updated).toBe(false);
    expect((await updateContactLastSeen(t.db, { conversationId: w.conversation.id, now: at(19) })).updated).toBe(true);
    const other = await failure(updateContactLastSeen(t.db, { conversationId: w.conversation.id, contactId: w.contact.id + 1000, now: at(100) }));
    expect(other.code).toBe("not_found");
    const events = await eventsOf(t.db, w.account.id);
    expect(events.filter((e) => e.type === "conversation.read")).toHaveLength(3);
    const updates = events.filter((e) => e.type === "message.updated");
    expect(updates.map((e) => e.payload.id)).toEqual([out.id, later.id]);
    expect(updates[0]).toMatchObject({ private: false, payload: { status: "read", previous_changes: { status: ["sent", "read"] } } });
  });

  it("C6 two tabs marking the same replies seen at once: each reply turns read once, one conversation.read", async () => {
    const w = await world();
    await w.incoming(1);
    await w.reply(2);
    await w.reply(3);
    const results = await Promise.all(Array.from({ length: 6 }, () => updateContactLastSeen(t.db, { conversationId: w.conversation.id, now: at(5) })));
    expect(results.filter((r) => r.updated)).toHaveLength(1);
    const events = await eventsOf(t.db, w.account.id);
    expect(events.filter((e) => e.type === "conversation.read")).toHaveLength(1);
    expect(events.filter((e) => e.type === "message.updated")).toHaveLength(2);
  });

  it("C7 unread count = incoming messages after agent_last_seen_at (all when never seen)", async () => {
    const w = await world();
    await w.incoming(1);
    await w.reply(2);
    await w.incoming(3);
    expect(await countUnreadIncoming(t.db, { conversationId: w.conversation.id, since: null })).toBe(2);
    await updateAgentLastSeen(t.db, { conversationId: w.conversation.id, userId: w.admin.id, now: at(4) });
    await w.incoming(5);
    const c = await reloadConversation(t.db, w.conversation.id);
    expect(await countUnreadIncoming(t.db, { conversationId: c.id, since: c.agentLastSeenAt })).toBe(1);
  });

  it("C7 mark unread moves both agent last-seen columns to 1 s before the last incoming message", async () => {
    const w = await world();
    await w.incoming(10);
    await w.incoming(20);
    await updateAgentLastSeen(t.db, { conversationId: w.conversation.id, userId: w.admin.id, now: at(30) });
    await markConversationUnread(t.db, { conversationId: w.conversation.id });
    const c = await reloadConversation(t.db, w.conversation.id);
    expect(c).toMatchObject({ agentLastSeenAt: at(19), assigneeLastSeenAt: at(19) });
    expect(await countUnreadIncoming(t.db, { conversationId: c.id, since: c.agentLastSeenAt })).toBe(1);
    expect((await failure(markConversationUnread(t.db, { accountId: w.account.id + 1000, conversationId: w.conversation.id }))).code).toBe("not_found");
  });

  it("C8 status, priority, assignment and label changes write activity messages (private events) in their transaction", async () => {
    const w = await world();
    await buildLabel(t.db, { accountId: w.account.id, title: "urgent-fix" });
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "resolved" }, actor: w.asAdmin });
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "pending" }, actor: w.asAdmin });
    await toggleConversationPriority(t.db, { conversationId: w.conversation.id, input: { priority: "low" }, actor: w.asAdmin });
    await assignConversation(t.db, { conversationId: w.conversation.id, assigneeId: w.agent.id, actor: w.asAdmin, mode: "reassign" });
    await addConversationLabels(t.db, { conversationId: w.conversation.id, input: { labels: ["urgent-fix"] }, actor: w.asAdmin });
    const activity = await messagesOf(t.db, w.conversation.id);
    expect(activity.map((m) => [m.messageType, m.content])).toEqual([
      ["activity", "Conversation was marked resolved by Ada Admin"],
      ["activity", "Conversation was marked as pending by Ada Admin"],
      ["activity", "Ada Admin set the priority to low"],
      ["activity", "Assigned to Alan Agent by Ada Admin"],
      ["activity", "Ada Admin added urgent-fix"],
    ]);
    const created = (await eventsOf(t.db, w.account.id)).filter((e) => e.type === "message.created");
    expect(created).toHaveLength(5);
    expect(created.every((e) => e.private)).toBe(true);
    expect(created[0]!.payload).toMatchObject({ message_type: 2, content: "Conversation was marked resolved by Ada Admin" });
  });

  it("a status change to the same state writes nothing", async () => {
    const w = await world();
    const before = (await eventsOf(t.db, w.account.id)).length;
    await toggleConversationStatus(t.db, { conversationId: w.conversation.id, input: { status: "open" }, actor: w.asAdmin });
    expect((await eventsOf(t.db, w.account.id)).length).toBe(before);
    expect(await messagesOf(t.db, w.conversation.id)).toHaveLength(0);
  });

  it("contact_inbox of another contact is refused at creation", async () => {
    const w = await world();
    const someone = await buildContact(t.db, { accountId: w.account.id, name: "Someone" });
    const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: someone.id, inboxId: w.inbox.id });
    const err = await failure(createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: ci.id }));
    expect(err.code).toBe("validation");
  });
});
