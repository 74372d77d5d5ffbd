import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as contactInboxesRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/contact_inboxes/route";
import * as contactableRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/contactable_inboxes/route";
import { contactInboxes, inboxes } from "@/db/schema";
import { backends, type TestDatabase } from "@/test/support/db";
import { addMember, buildContact, buildContactInbox, buildConversationRow } from "@/test/support/engine-fixtures";
import { buildApiWorld, call, closeApiDatabase, openApiDatabase, type ApiWorld } from "./support";

type Body = Record<string, unknown>;
type Contactable = { payload: { inbox: Body; source_id: string }[] };

describe.each(backends)("Application API contact inboxes on %s", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  let apiInboxId: number;
  beforeAll(async () => {
    t = await openApiDatabase(backend);
    w = await buildApiWorld(t.db);
    const [api] = await t.db.insert(inboxes).values({ accountId: w.account.id, name: "Api", channelType: "api", enableAutoAssignment: false }).returning();
    apiInboxId = api!.id;
    await addMember(t.db, { accountId: w.account.id, inboxId: apiInboxId, userId: w.agent.id });
  });
  afterAll(async () => closeApiDatabase(t));
  const params = (contactId: number) => ({ accountId: String(w.account.id), contactId: String(contactId) });
  const contactable = async (contactId: number, token: string) => call(contactableRoute.GET, { params: params(contactId), token });
  const open = async (contactId: number, token: string, body: unknown) => call(contactInboxesRoute.POST, { method: "POST", params: params(contactId), token, body });

  describe("GET /contacts/:id/contactable_inboxes", () => {
    it("lists an API inbox with a fresh source_id, and a website inbox only through a contact_inbox without a conversation, in the inbox partial", async () => {
      const fresh = await buildContact(t.db, { accountId: w.account.id, name: "Fresh" });
      const first = await contactable(fresh.id, w.admin.accessToken);
      expect(first.status).toBe(200);
      const list = (first.body as Contactable).payload;
      expect(list.map((p) => p.inbox.id)).toEqual([apiInboxId]);
      expect(Object.keys(list[0]!)).toEqual(["inbox", "source_id"]);
      expect(list[0]!.source_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(list[0]!.inbox).toMatchObject({ id: apiInboxId, name: "Api", channel_type: "Channel::Api", avatar_url: "" });
      // The fresh UUID is offered, not stored.
      expect(await t.db.select().from(contactInboxes).where(eq(contactInboxes.contactId, fresh.id))).toEqual([]);

      const session = await buildContactInbox(t.db, { accountId: w.account.id, contactId: fresh.id, inboxId: w.inbox.id });
      const withSession = (await contactable(fresh.id, w.admin.accessToken)).body as Contactable;
      expect(withSession.payload.map((p) => [p.inbox.id, p.source_id])).toEqual([
        [w.inbox.id, session.sourceId],
        [apiInboxId, expect.any(String)],
      ]);
      expect(withSession.payload[0]!.inbox).toMatchObject({ channel_type: "Channel::WebWidget", website_token: expect.any(String), web_widget_script: expect.any(String) });

      await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: fresh.id, contactInboxId: session.id });
      const afterConversation = (await contactable(fresh.id, w.admin.accessToken)).body as Contactable;
      expect(afterConversation.payload.map((p) => p.inbox.id)).toEqual([apiInboxId]);
    });

    it("answers an API inbox with the contact's latest source_id there", async () => {
      const c = await buildContact(t.db, { accountId: w.account.id, name: "Known" });
      await open(c.id, w.admin.accessToken, { inbox_id: apiInboxId, source_id: "crm-older" });
      await open(c.id, w.admin.accessToken, { inbox_id: apiInboxId, source_id: "crm-newer" });
      const list = ((await contactable(c.id, w.admin.accessToken)).body as Contactable).payload;
      expect(list.find((p) => p.inbox.id === apiInboxId)?.source_id).toBe("crm-newer");
    });

    it("shows an agent only inboxes they are a member of; another account's contact is a 404", async () => {
      const c = await buildContact(t.db, { accountId: w.account.id, name: "Scoped" });
      await buildContactInbox(t.db, { accountId: w.account.id, contactId: c.id, inboxId: w.otherInbox.id });
      const asAdmin = ((await contactable(c.id, w.admin.accessToken)).body as Contactable).payload.map((p) => p.inbox.id);
      expect(asAdmin).toContain(w.otherInbox.id);
      const asAgent = ((await contactable(c.id, w.agent.accessToken)).body as Contactable).payload.map((p) => p.inbox.id);
      expect(asAgent).toEqual([apiInboxId]);
      expect((await contactable(w.strangerContact.id, w.admin.accessToken)).status).toBe(404);
    });
  });

  describe("POST /contacts/:id/contact_inboxes", () => {
    it("opens a contact_inbox (source_id given or a UUID) and answers {source_id, inbox}", async () => {
      const c = await buildContact(t.db, { accountId: w.account.id, name: "Opened" });
      const res = await open(c.id, w.agent.accessToken, { inbox_id: w.inbox.id, source_id: "crm-7" });
      expect(res.status).toBe(200);
      const body = res.body as { source_id: string; inbox: Body };
      expect(Object.keys(body)).toEqual(["source_id", "inbox"]);
      expect(body).toMatchObject({ source_id: "crm-7", inbox: { id: w.inbox.id, name: w.inbox.name, channel_type: "Channel::WebWidget" } });
      const generated = await open(c.id, w.agent.accessToken, { inbox_id: String(w.inbox.id) });
      expect((generated.body as { source_id: string }).source_id).toMatch(/^[0-9a-f-]{36}$/);
      const rows = await t.db
        .select()
        .from(contactInboxes)
        .where(and(eq(contactInboxes.contactId, c.id), eq(contactInboxes.inboxId, w.inbox.id)));
      expect(rows.map((r) => r.sourceId).sort()).toEqual(["crm-7", (generated.body as { source_id: string }).source_id].sort());
    });

    it("answers the same contact_inbox again for a repeated source_id; another contact's source_id is a 422 naming it", async () => {
      const c = await buildContact(t.db, { accountId: w.account.id, name: "Repeat" });
      expect((await open(c.id, w.admin.accessToken, { inbox_id: w.inbox.id, source_id: "repeat-1" })).status).toBe(200);
      const again = await open(c.id, w.admin.accessToken, { inbox_id: w.inbox.id, source_id: "repeat-1" });
      expect([again.status, (again.body as Body).source_id]).toEqual([200, "repeat-1"]);
      const other = await buildContact(t.db, { accountId: w.account.id, name: "Other" });
      const taken = await open(other.id, w.admin.accessToken, { inbox_id: w.inbox.id, source_id: "repeat-1" });
      expect([taken.status, (taken.body as Body).attributes]).toEqual([422, ["source_id"]]);
      expect(await t.db.select().from(contactInboxes).where(eq(contactInboxes.contactId, other.id))).toEqual([]);
    });

    it("bad input is a 422 naming the field and writes nothing; an inbox the caller may not see is a 404 (R4)", async () => {
      const c = await buildContact(t.db, { accountId: w.account.id, name: "Bad" });
      for (const [body, field] of [
        [{}, "inbox_id"],
        [{ inbox_id: "abc" }, "inbox_id"],
        [{ inbox_id: -1 }, "inbox_id"],
        [{ inbox_id: w.inbox.id, source_id: 42 }, "source_id"],
        [{ inbox_id: w.inbox.id, source_id: "   " }, "source_id"],
        [{ inbox_id: w.inbox.id, source_id: "x".repeat(256) }, "source_id"],
      ] as const) {
        const res = await open(c.id, w.admin.accessToken, body);
        expect([res.status, (res.body as Body).attributes], JSON.stringify(body).slice(0, 60)).toEqual([422, [field]]);
      }
      expect((await open(c.id, w.agent.accessToken, { inbox_id: w.otherInbox.id })).status).toBe(404);
      expect((await open(c.id, w.admin.accessToken, { inbox_id: w.strangerInbox.id })).status).toBe(404);
      expect((await open(c.id, w.admin.accessToken, { inbox_id: 99999999 })).status).toBe(404);
      expect((await open(w.strangerContact.id, w.strangerAdmin.accessToken, { inbox_id: w.inbox.id })).status).toBe(404);
      expect(await t.db.select().from(contactInboxes).where(eq(contactInboxes.contactId, c.id))).toEqual([]);
    });
  });
});
