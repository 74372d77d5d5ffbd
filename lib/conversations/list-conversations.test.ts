import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createMessage } from "@/lib/messages/create-message";
import { addMember, buildContact, buildContactInbox, buildConversationRow, buildInbox, buildUser, buildWorld } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { getConversationOrThrow } from "./get-conversation";
import { conversationListQuerySchema, listConversations } from "./list-conversations";

const T0 = new Date("2026-03-02T10:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** Counts the SQL statements a drizzle handle sends, through its session's logger (every driver logs each query). */
function countStatements(db: Db): { count: () => number; stop: () => void } {
  const session = (db as unknown as { session: { logger: { logQuery(q: string, p: unknown[]): void } } }).session;
  const original = session.logger;
  let n = 0;
  session.logger = { logQuery: () => void n++ };
  return { count: () => n, stop: () => void (session.logger = original) };
}

describe.each(backends)("conversation list on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => closeTestDatabase(t));

  async function world() {
    const w = await buildWorld(t.db);
    const otherInbox = await buildInbox(t.db, { accountId: w.account.id, name: "Other" });
    const conv = (values: Partial<Parameters<typeof buildConversationRow>[1]> = {}, inboxId = w.inbox.id) =>
      buildConversationRow(t.db, { accountId: w.account.id, inboxId, contactId: w.contact.id, contactInboxId: inboxId === w.inbox.id ? w.contactInbox.id : null, ...values });
    const admin = { id: w.admin.id, role: "administrator" as const };
    const agent = { id: w.agent.id, role: "agent" as const };
    return { ...w, otherInbox, conv, adminUser: admin, agentUser: agent };
  }

  it("B3 takes at most 4 SQL statements whatever the page size", async () => {
    const w = await world();
    for (let i = 0; i < 30; i++) {
      const contact = await buildContact(t.db, { accountId: w.account.id, name: `Visitor ${i}` });
      const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: contact.id, inboxId: w.inbox.id });
      const c = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: contact.id, contactInboxId: ci.id, assigneeId: i % 2 ? w.agent.id : null });
      await createMessage(t.db, {
        conversationId: c.id,
        sender: { type: "contact", id: contact.id },
        input: { content: `q${i}`, attachments: [{ fileName: "a.png", fileType: "image", fileSize: 1, contentType: "image/png", storageKey: `k${i}` }] },
        now: at(i),
      });
      await createMessage(t.db, { conversationId: c.id, sender: { type: "user", id: w.agent.id }, input: { content: `a${i}` }, now: at(i + 1) });
    }
    for (const limit of [1, 25]) {
      const counter = countStatements(t.db);
      const list = await listConversations(t.db, { accountId: w.account.id, user: w.adminUser, limit });
      counter.stop();
      expect(list.items).toHaveLength(limit);
      expect(counter.count()).toBeLessThanOrEqual(4);
      expect(counter.count()).toBeGreaterThan(0); // the counter really sees the statements
      expect(list.items.every((i) => i.lastNonActivityMessage?.sender?.type === "user")).toBe(true);
    }
  });

  it("B3 agents see only their inboxes' conversations; administrators the whole account", async () => {
    const w = await world();
    const mine = await w.conv();
    const elsewhere = await w.conv({}, w.otherInbox.id);
    const ids = async (user: { id: number; role: "agent" | "administrator" }) => (await listConversations(t.db, { accountId: w.account.id, user })).items.map((i) => i.conversation.id).sort();
    expect(await ids(w.agentUser)).toEqual([mine.id]);
    expect(await ids(w.adminUser)).toEqual([mine.id, elsewhere.id].sort());
    const otherAccount = await buildWorld(t.db);
    expect((await listConversations(t.db, { accountId: otherAccount.account.id, user: w.adminUser })).items).toEqual([]);
  });

  it("getConversationOrThrow scopes by account and, for agents, by inbox membership (404 otherwise)", async () => {
    const w = await world();
    const mine = await w.conv();
    const elsewhere = await w.conv({}, w.otherInbox.id);
    await expect(getConversationOrThrow(t.db, { accountId: w.account.id, displayId: mine.displayId, user: w.agentUser })).resolves.toMatchObject({ id: mine.id });
    await expect(getConversationOrThrow(t.db, { accountId: w.account.id, displayId: elsewhere.displayId, user: w.agentUser })).rejects.toMatchObject({ code: "not_found" });
    await expect(getConversationOrThrow(t.db, { accountId: w.account.id, displayId: elsewhere.displayId, user: w.adminUser })).resolves.toMatchObject({ id: elsewhere.id });
    await expect(getConversationOrThrow(t.db, { accountId: w.account.id + 1000, displayId: mine.displayId, user: w.adminUser })).rejects.toMatchObject({ code: "not_found" });
  });

  it("meta counts mine/unassigned/assigned/all before the assignee filter; assignee_type filters the page", async () => {
    const w = await world();
    const other = await buildUser(t.db, { accountId: w.account.id });
    await addMember(t.db, { accountId: w.account.id, inboxId: w.inbox.id, userId: other.id });
    await w.conv({ assigneeId: w.agent.id });
    await w.conv({ assigneeId: w.agent.id });
    await w.conv({ assigneeId: other.id });
    await w.conv();
    await w.conv({ status: "resolved" });
    const list = (assigneeType: "me" | "unassigned" | "assigned" | "all") => listConversations(t.db, { accountId: w.account.id, user: w.agentUser, assigneeType });
    const all = await list("all");
    expect(all.meta).toEqual({ mineCount: 2, unassignedCount: 1, assignedCount: 3, allCount: 4 });
    expect((await list("me")).items).toHaveLength(2);
    expect((await list("unassigned")).items).toHaveLength(1);
    expect((await list("assigned")).items).toHaveLength(3);
    expect((await list("me")).meta).toEqual(all.meta);
    expect((await listConversations(t.db, { accountId: w.account.id, user: w.agentUser, status: "all" })).meta.allCount).toBe(5);
    expect((await listConversations(t.db, { accountId: w.account.id, user: w.agentUser, status: "resolved" })).items).toHaveLength(1);
  });

  it("sorts: last activity (default), created_at, priority urgent>high>medium>low>none, waiting_since NULLS LAST", async () => {
    const w = await world();
    const a = await w.conv({ createdAt: at(0), lastActivityAt: at(50), priority: "low", waitingSince: at(30) });
    const b = await w.conv({ createdAt: at(10), lastActivityAt: at(40), priority: null, waitingSince: null });
    const c = await w.conv({ createdAt: at(20), lastActivityAt: at(60), priority: "urgent", waitingSince: at(10) });
    const d = await w.conv({ createdAt: at(30), lastActivityAt: at(45), priority: "high", waitingSince: at(20) });
    const e = await w.conv({ createdAt: at(40), lastActivityAt: at(55), priority: "low", waitingSince: at(5) });
    const order = async (sortBy?: Parameters<typeof listConversations>[1]["sortBy"]) =>
      (await listConversations(t.db, { accountId: w.account.id, user: w.adminUser, sortBy })).items.map((i) => i.conversation.id);
    expect(await order()).toEqual([c, e, a, d, b].map((x) => x.id));
    expect(await order("last_activity_at_asc")).toEqual([b, d, a, e, c].map((x) => x.id));
    expect(await order("created_at_asc")).toEqual([a, b, c, d, e].map((x) => x.id));
    expect(await order("created_at_desc")).toEqual([e, d, c, b, a].map((x) => x.id));
    expect(await order("priority_desc")).toEqual([c, d, e, a, b].map((x) => x.id));
    expect(await order("waiting_since_asc")).toEqual([e, c, d, a, b].map((x) => x.id));
    expect(await order("waiting_since_desc")).toEqual([a, d, c, e, b].map((x) => x.id));
  });

  it("a keyset cursor walks every sort in the same order as one big page, ties and NULLs included", async () => {
    const w = await world();
    const spec = [
      { lastActivityAt: at(50), priority: "low" as const, waitingSince: at(30) },
      { lastActivityAt: at(40), priority: null, waitingSince: null },
      { lastActivityAt: at(50), priority: "urgent" as const, waitingSince: at(10) },
      { lastActivityAt: at(45), priority: null, waitingSince: null },
      { lastActivityAt: at(50), priority: "low" as const, waitingSince: at(10) },
      { lastActivityAt: at(45), priority: "high" as const, waitingSince: null },
      { lastActivityAt: at(70), priority: "medium" as const, waitingSince: at(30) },
    ];
    // created_at from the database clock: microsecond precision must survive the cursor.
    for (const values of spec) await w.conv(values);
    for (const sortBy of ["last_activity_at_desc", "last_activity_at_asc", "created_at_desc", "created_at_asc", "priority_desc", "priority_asc", "waiting_since_asc", "waiting_since_desc"] as const) {
      const full = (await listConversations(t.db, { accountId: w.account.id, user: w.adminUser, sortBy, limit: 100 })).items.map((i) => i.conversation.id);
      const walked: number[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await listConversations(t.db, { accountId: w.account.id, user: w.adminUser, sortBy, limit: 2, cursor });
        walked.push(...page.items.map((i) => i.conversation.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(walked, sortBy).toEqual(full);
      expect(full).toHaveLength(spec.length);
    }
  });

  it("a tampered cursor or one from another sort is a 422", async () => {
    const w = await world();
    await w.conv();
    await w.conv();
    const { nextCursor } = await listConversations(t.db, { accountId: w.account.id, user: w.adminUser, limit: 1 });
    expect(nextCursor).toEqual(expect.any(String));
    for (const cursor of ["garbage", Buffer.from(JSON.stringify({ s: "last_activity_at_desc", k: ["x; drop", "1"] })).toString("base64url")]) {
      await expect(listConversations(t.db, { accountId: w.account.id, user: w.adminUser, cursor })).rejects.toMatchObject({ code: "validation", fields: { cursor: ["is invalid"] } });
    }
    await expect(listConversations(t.db, { accountId: w.account.id, user: w.adminUser, cursor: nextCursor!, sortBy: "created_at_asc" })).rejects.toMatchObject({ code: "validation" });
  });

  it("rows carry contact, inbox, assignee, the last non-activity message and the unread count; pages of 25", async () => {
    const w = await world();
    const c = await w.conv({ assigneeId: w.agent.id });
    await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: "one" }, now: at(1) });
    await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: "two" }, now: at(2) });
    await createMessage(t.db, { conversationId: c.id, sender: null, input: { content: "system", message_type: "outgoing" }, now: at(3) });
    const [item] = (await listConversations(t.db, { accountId: w.account.id, user: w.adminUser })).items;
    expect(item).toMatchObject({
      contact: { id: w.contact.id, name: "Grace Visitor" },
      inbox: { id: w.inbox.id, channelType: "web_widget" },
      assignee: { id: w.agent.id, name: "Alan Agent", availability: "online" },
      unreadCount: 2,
      lastNonActivityMessage: { content: "system", conversation_id: c.displayId, conversation: { unread_count: 2, assignee_id: w.agent.id, contact_inbox: { source_id: w.contactInbox.sourceId } } },
    });
    for (let i = 0; i < 26; i++) await w.conv({ lastActivityAt: at(100 + i) });
    const p1 = await listConversations(t.db, { accountId: w.account.id, user: w.adminUser });
    const p2 = await listConversations(t.db, { accountId: w.account.id, user: w.adminUser, page: 2 });
    expect(p1.items).toHaveLength(25);
    expect(p2.items).toHaveLength(2);
    expect(new Set([...p1.items, ...p2.items].map((i) => i.conversation.id)).size).toBe(27);
  });

  it("q searches contact fields, the display number and message content; inbox_id filters", async () => {
    const w = await world();
    const marie = await buildContact(t.db, { accountId: w.account.id, name: "Marie Curie", email: "marie@radium.test" });
    const c1 = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: marie.id });
    const c2 = await w.conv();
    await createMessage(t.db, { conversationId: c2.id, sender: { type: "contact", id: w.contact.id }, input: { content: "My invoice is wrong" } });
    const c3 = await w.conv({}, w.otherInbox.id);
    const ids = async (args: { q?: string; inboxId?: number }) => (await listConversations(t.db, { accountId: w.account.id, user: w.adminUser, ...args })).items.map((i) => i.conversation.id);
    expect(await ids({ q: "RADIUM" })).toEqual([c1.id]);
    expect((await listConversations(t.db, { accountId: w.account.id, user: w.adminUser, q: "radium" })).meta).toEqual({ mineCount: 0, unassignedCount: 1, assignedCount: 0, allCount: 1 });
    expect(await ids({ q: "invoice" })).toEqual([c2.id]);
    expect(await ids({ q: `#${c3.displayId}` })).toEqual([c3.id]);
    expect(await ids({ inboxId: w.otherInbox.id })).toEqual([c3.id]);
  });

  it("parses Chatwoot's query parameters with their defaults", () => {
    expect(conversationListQuerySchema.parse({})).toEqual({ status: "open", assigneeType: "all", inboxId: undefined, q: undefined, sortBy: "last_activity_at_desc", page: 1, cursor: undefined });
    expect(conversationListQuerySchema.parse({ status: "all", assignee_type: "me", inbox_id: "3", sort_by: "priority_desc", page: "2", q: " x " })).toEqual({
      status: "all",
      assigneeType: "me",
      inboxId: 3,
      q: "x",
      sortBy: "priority_desc",
      page: 2,
    });
  });
});
