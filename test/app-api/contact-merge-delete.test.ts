import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as mergeRoute from "@/app/api/v1/accounts/[accountId]/actions/contact_merge/route";
import * as contactRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/route";
import { attachmentBlobs, attachments, contactInboxes, contactNotes, contacts, conversations, events, messages } from "@/db/schema";
import { blobStore } from "@/lib/storage";
import { backends } from "@/test/support/db";
import { buildContact, buildContactInbox, buildConversationRow } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;

describe.each(backends)("Contact merge and delete on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  const acc = () => ({ accountId: String(w.account.id) });
  const merge = (body: unknown, token = w.agent.accessToken) => call(mergeRoute.POST, { method: "POST", params: acc(), token, body });

  it("moves conversations, contact inboxes, messages and notes to the base, fills what it lacks, deletes the mergee, tells agents", async () => {
    const base = await buildContact(t.db, { accountId: w.account.id, name: "Base Bea", email: "bea@example.test", customAttributes: { plan: "pro" } });
    const mergee = await buildContact(t.db, {
      accountId: w.account.id,
      name: "Mergee Max",
      email: "max@example.test",
      phoneNumber: "+4915112345678",
      identifier: "crm-9",
      customAttributes: { plan: "free", city: "Berlin" },
    });
    const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: mergee.id, inboxId: w.inbox.id });
    const conv = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: mergee.id, contactInboxId: ci.id });
    const [msg] = await t.db
      .insert(messages)
      .values({ accountId: w.account.id, inboxId: w.inbox.id, conversationId: conv.id, content: "hi", messageType: "incoming", senderType: "contact", senderId: mergee.id })
      .returning();
    await t.db.insert(contactNotes).values({ accountId: w.account.id, contactId: mergee.id, userId: w.agent.id, content: "met at the fair" });

    const res = await merge({ base_contact_id: base.id, mergee_contact_id: String(mergee.id) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: base.id,
      name: "Base Bea",
      email: "bea@example.test",
      phone_number: "+4915112345678",
      identifier: "crm-9",
      custom_attributes: { plan: "pro", city: "Berlin" },
    });
    expect((await t.db.select().from(contacts).where(eq(contacts.id, mergee.id))).length).toBe(0);
    expect((await t.db.select().from(conversations).where(eq(conversations.id, conv.id)))[0]!.contactId).toBe(base.id);
    expect((await t.db.select().from(contactInboxes).where(eq(contactInboxes.id, ci.id)))[0]!.contactId).toBe(base.id);
    expect((await t.db.select().from(messages).where(eq(messages.id, msg!.id)))[0]!.senderId).toBe(base.id);
    expect((await t.db.select().from(contactNotes).where(eq(contactNotes.contactId, base.id))).map((n) => n.content)).toEqual(["met at the fair"]);
    const [merged] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.accountId, w.account.id), eq(events.type, "contact.merged")));
    expect(merged!.payload).toMatchObject({ id: base.id, mergee_id: mergee.id });
  });

  it("an unknown or another account's contact is a 404, a bad id a 422 naming it; nothing changes", async () => {
    const a = await buildContact(t.db, { accountId: w.account.id, name: "Keep A" });
    expect((await merge({ base_contact_id: a.id, mergee_contact_id: w.strangerContact.id })).status).toBe(404);
    expect((await merge({ base_contact_id: a.id, mergee_contact_id: 99_999_999 })).status).toBe(404);
    const bad = await merge({ base_contact_id: a.id, mergee_contact_id: "x" });
    expect([bad.status, (bad.body as Body).attributes]).toEqual([422, ["mergee_contact_id"]]);
    expect(
      (
        await t.db
          .select()
          .from(contacts)
          .where(inArray(contacts.id, [a.id, w.strangerContact.id]))
      ).length,
    ).toBe(2);
    // Merging a contact into itself changes nothing (Chatwoot).
    const self = await merge({ base_contact_id: a.id, mergee_contact_id: a.id });
    expect([self.status, (self.body as Body).id]).toEqual([200, a.id]);
  });

  it("two merges of the same pair at once: one wins, the other finds the mergee gone (404), nothing is lost", async () => {
    const base = await buildContact(t.db, { accountId: w.account.id, name: "Race Base" });
    const mergee = await buildContact(t.db, { accountId: w.account.id, name: "Race Mergee" });
    const conv = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: mergee.id });
    const results = await Promise.all([merge({ base_contact_id: base.id, mergee_contact_id: mergee.id }), merge({ base_contact_id: base.id, mergee_contact_id: mergee.id })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
    expect((await t.db.select().from(conversations).where(eq(conversations.id, conv.id)))[0]!.contactId).toBe(base.id);
  });

  it("DELETE /contacts/:id (administrators): the contact, conversations, messages, attachments and files go; streams get contact.deleted", async () => {
    const doomed = await buildContact(t.db, { accountId: w.account.id, name: "Doomed Dan", email: "dan@example.test" });
    const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: doomed.id, inboxId: w.inbox.id });
    const conv = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: doomed.id, contactInboxId: ci.id });
    const [msg] = await t.db.insert(messages).values({ accountId: w.account.id, inboxId: w.inbox.id, conversationId: conv.id, content: "file", messageType: "incoming" }).returning();
    await blobStore().put(t.db, { storageKey: "contact-delete/file.txt", accountId: w.account.id, bytes: new TextEncoder().encode("hello") });
    await t.db.insert(attachments).values({ accountId: w.account.id, messageId: msg!.id, fileName: "file.txt", fileSize: 5, contentType: "text/plain", storageKey: "contact-delete/file.txt" });

    const params = { ...acc(), contactId: String(doomed.id) };
    expect((await call(contactRoute.DELETE, { method: "DELETE", params, token: w.agent.accessToken })).status).toBe(403);
    expect((await t.db.select().from(contacts).where(eq(contacts.id, doomed.id))).length).toBe(1);

    const res = await call(contactRoute.DELETE, { method: "DELETE", params, token: w.admin.accessToken });
    expect([res.status, res.text]).toEqual([200, ""]);
    expect((await t.db.select().from(contacts).where(eq(contacts.id, doomed.id))).length).toBe(0);
    expect((await t.db.select().from(conversations).where(eq(conversations.id, conv.id))).length).toBe(0);
    expect((await t.db.select().from(messages).where(eq(messages.id, msg!.id))).length).toBe(0);
    expect((await t.db.select().from(attachments).where(eq(attachments.messageId, msg!.id))).length).toBe(0);
    expect((await t.db.select().from(attachmentBlobs).where(eq(attachmentBlobs.storageKey, "contact-delete/file.txt"))).length).toBe(0);
    const [deleted] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.accountId, w.account.id), eq(events.type, "contact.deleted")));
    expect(deleted).toMatchObject({ inboxId: null, private: true, payload: { id: doomed.id, conversation_ids: [conv.displayId] } });
    expect((await call(contactRoute.DELETE, { method: "DELETE", params, token: w.admin.accessToken })).status).toBe(404);
  });
});
