import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, inboxes } from "@/db/schema";
import { buildWorld } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { findOrCreateConversationByContactInbox } from "./find-or-create-conversation";
import { toggleConversationStatus } from "./toggle-status";

describe.each(backends)("the conversation a contact's message goes to, on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { poolMax: 25 });
  });
  afterAll(async () => closeTestDatabase(t));

  const system = { type: "system" } as const;

  it("creates one when there is none, then reuses the latest — also a resolved one while messages after resolution are allowed (C4)", async () => {
    const w = await buildWorld(t.db);
    const args = { accountId: w.account.id, contactInboxId: w.contactInbox.id };
    const first = await findOrCreateConversationByContactInbox(t.db, args);
    expect(first.created).toBe(true);
    expect(await findOrCreateConversationByContactInbox(t.db, args)).toMatchObject({ created: false, conversation: { id: first.conversation.id } });
    await toggleConversationStatus(t.db, { conversationId: first.conversation.id, input: { status: "resolved" }, actor: system });
    expect(await findOrCreateConversationByContactInbox(t.db, args)).toMatchObject({ created: false, conversation: { id: first.conversation.id } });
  });

  it("starts a new conversation after a resolved one when allow_messages_after_resolved is off", async () => {
    const w = await buildWorld(t.db, { allowMessagesAfterResolved: false });
    const args = { accountId: w.account.id, contactInboxId: w.contactInbox.id };
    const first = await findOrCreateConversationByContactInbox(t.db, args);
    await toggleConversationStatus(t.db, { conversationId: first.conversation.id, input: { status: "resolved" }, actor: system });
    const next = await findOrCreateConversationByContactInbox(t.db, args);
    expect(next.created).toBe(true);
    expect(next.conversation.id).not.toBe(first.conversation.id);
  });

  it("startNew opens another conversation unless the inbox is locked to a single conversation", async () => {
    const w = await buildWorld(t.db);
    const args = { accountId: w.account.id, contactInboxId: w.contactInbox.id };
    const first = await findOrCreateConversationByContactInbox(t.db, args);
    expect((await findOrCreateConversationByContactInbox(t.db, { ...args, startNew: true })).created).toBe(true);
    await t.db.update(inboxes).set({ lockToSingleConversation: true }).where(eq(inboxes.id, w.inbox.id));
    const locked = await findOrCreateConversationByContactInbox(t.db, { ...args, startNew: true });
    expect(locked.created).toBe(false);
    expect(locked.conversation.id).not.toBe(first.conversation.id);
  });

  it("concurrent first messages share one new conversation; another account's contact_inbox is a 404", async () => {
    const w = await buildWorld(t.db);
    const results = await Promise.all(Array.from({ length: 8 }, () => findOrCreateConversationByContactInbox(t.db, { accountId: w.account.id, contactInboxId: w.contactInbox.id })));
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(await t.db.select().from(conversations).where(eq(conversations.contactInboxId, w.contactInbox.id))).toHaveLength(1);
    await expect(findOrCreateConversationByContactInbox(t.db, { accountId: w.account.id + 1000, contactInboxId: w.contactInbox.id })).rejects.toMatchObject({ code: "not_found" });
  });
});
