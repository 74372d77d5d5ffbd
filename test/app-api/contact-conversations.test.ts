import { describe, expect, it } from "vitest";
import * as contactConversationsRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/conversations/route";
import { conversations } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { backends } from "@/test/support/db";
import { buildContact, buildContactInbox } from "@/test/support/engine-fixtures";
import { eq } from "drizzle-orm";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;

/** The contact panel's previous conversations (SPEC U1, §8): GET /contacts/{id}/conversations. */
describe.each(backends)("Application API contact conversations on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);

  const get = (contactId: number | string, token: string, accountId: number = w.account.id) =>
    call(contactConversationsRoute.GET, {
      params: { accountId: String(accountId), contactId: String(contactId) },
      path: `/api/v1/accounts/${accountId}/contacts/${contactId}/conversations`,
      token,
    });

  /** A contact with conversations in the agent's inbox (one resolved, older) and in another inbox. */
  async function contactWithHistory() {
    const contact = await buildContact(t.db, { accountId: w.account.id, name: "Returning Rita", email: `rita-${Math.random().toString(36).slice(2)}@example.test` });
    const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: contact.id, inboxId: w.inbox.id });
    const otherCi = await buildContactInbox(t.db, { accountId: w.account.id, contactId: contact.id, inboxId: w.otherInbox.id });
    const older = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: contact.id, contactInboxId: ci.id });
    await t.db
      .update(conversations)
      .set({ status: "resolved", lastActivityAt: new Date(Date.now() - 86_400_000) })
      .where(eq(conversations.id, older.id));
    const newer = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: contact.id, contactInboxId: ci.id });
    const elsewhere = await createConversation(t.db, { accountId: w.account.id, inboxId: w.otherInbox.id, contactId: contact.id, contactInboxId: otherCi.id });
    return { contact, older, newer, elsewhere };
  }

  it("answers {payload: AppConversation[]} of every status, latest activity first, only the contact's", async () => {
    const { contact, older, newer, elsewhere } = await contactWithHistory();
    const res = await get(contact.id, w.admin.accessToken);
    expect(res.status).toBe(200);
    const payload = (res.body as { payload: Body[] }).payload;
    expect(payload.map((c) => c.id).sort()).toEqual([older.displayId, newer.displayId, elsewhere.displayId].sort());
    expect(payload.at(-1)).toMatchObject({ id: older.displayId, status: "resolved", inbox_id: w.inbox.id });
    expect((payload[0]!.meta as { sender: Body }).sender).toMatchObject({ id: contact.id, name: "Returning Rita" });
  });

  it("SPEC §8: an agent sees only the conversations of inboxes they are a member of", async () => {
    const { contact, older, newer } = await contactWithHistory();
    const res = await get(contact.id, w.agent.accessToken);
    expect(res.status).toBe(200);
    expect((res.body as { payload: Body[] }).payload.map((c) => c.id)).toEqual([newer.displayId, older.displayId]);
  });

  it("an unknown contact, another account's contact or a malformed id is a 404; no credentials is a 401", async () => {
    expect((await get(99_999_999, w.admin.accessToken)).status).toBe(404);
    expect((await get(w.strangerContact.id, w.admin.accessToken)).status).toBe(404);
    expect((await get("abc", w.admin.accessToken)).status).toBe(404);
    expect((await get(w.contact.id, w.strangerAdmin.accessToken)).status).toBe(404);
    expect((await get(w.contact.id, "")).status).toBe(401);
  });
});
