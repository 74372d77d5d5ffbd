import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { createMessage } from "@/lib/messages/create-message";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { addMember, buildContact, buildContactInbox, buildConversationRow, buildInbox, buildWorld } from "@/test/support/engine-fixtures";
import { loadOperatorCounts } from "./operator-counts";

// SPEC U1: the sidebar's view counts and per-inbox unread counts, as the operator app refreshes them.
describe.each(backends)("operator counts on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => closeTestDatabase(t));

  it("views count across inboxes, the list inside the chosen one; unread counts open conversations with unseen incoming messages, per inbox the caller can reach", async () => {
    const w = await buildWorld(t.db);
    const sales = await buildInbox(t.db, { accountId: w.account.id, name: "Sales" });
    const conv = async (inboxId: number, values: Partial<typeof conversations.$inferInsert> = {}) => {
      const contact = await buildContact(t.db, { accountId: w.account.id, name: "V" });
      const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: contact.id, inboxId });
      const c = await buildConversationRow(t.db, { accountId: w.account.id, inboxId, contactId: contact.id, contactInboxId: ci.id, ...values });
      return { c, contact };
    };
    const a = await conv(w.inbox.id, { assigneeId: w.agent.id });
    const b = await conv(w.inbox.id);
    const s = await conv(sales.id);
    await conv(sales.id, { status: "pending" });
    for (const { c, contact } of [a, b, s]) {
      await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: contact.id }, input: { content: "hi" } });
    }
    // b has been read since: no longer unread.
    await t.db
      .update(conversations)
      .set({ agentLastSeenAt: new Date(Date.now() + 60_000) })
      .where(eq(conversations.id, b.c.id));

    const admin = { id: w.admin.id, role: "administrator" as const };
    const agent = { id: w.agent.id, role: "agent" as const };
    const forAdmin = await loadOperatorCounts(t.db, { accountId: w.account.id, user: admin, status: "open", inboxId: sales.id });
    expect(forAdmin.views).toEqual({ mine: 0, unassigned: 2, all: 3 });
    expect(forAdmin.list).toEqual({ mine: 0, unassigned: 1, all: 1 });
    expect(forAdmin.inboxUnread).toEqual({ [w.inbox.id]: 1, [sales.id]: 1 });

    const forAgent = await loadOperatorCounts(t.db, { accountId: w.account.id, user: agent, status: "all", inboxId: null });
    expect(forAgent.views).toEqual({ mine: 1, unassigned: 1, all: 2 });
    expect(forAgent.list).toEqual(forAgent.views);
    expect(forAgent.inboxUnread).toEqual({ [w.inbox.id]: 1 }); // not a member of Sales

    await addMember(t.db, { accountId: w.account.id, inboxId: sales.id, userId: w.agent.id });
    expect((await loadOperatorCounts(t.db, { accountId: w.account.id, user: agent, status: "pending", inboxId: null })).views).toEqual({ mine: 0, unassigned: 1, all: 1 });
  });
});
