import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as contactsRoute from "@/app/api/v1/accounts/[accountId]/contacts/route";
import * as searchRoute from "@/app/api/v1/accounts/[accountId]/contacts/search/route";
import * as contactRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/route";
import { contactInboxes, contacts } from "@/db/schema";
import { backends } from "@/test/support/db";
import { buildAccount, buildContact, buildUser } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;
const APP_CONTACT_KEYS = ["additional_attributes", "availability_status", "email", "id", "name", "phone_number", "blocked", "identifier", "thumbnail", "custom_attributes"];

describe.each(backends)("Application API contacts on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  const acc = () => ({ accountId: String(w.account.id) });

  describe("POST /contacts (K1, K2)", () => {
    it("creates a contact (email lower-cased, contact_type lead) and answers {payload: {contact, contact_inbox: {inbox: null, source_id: null}}}", async () => {
      const res = await call(contactsRoute.POST, { method: "POST", params: acc(), token: w.agent.accessToken, body: { name: "Lin", email: "Lin@Example.TEST", phone_number: "+14155550100" } });
      expect(res.status).toBe(200);
      const payload = (res.body as { payload: { contact: Body; contact_inbox: Body } }).payload;
      expect(Object.keys(payload.contact)).toEqual([...APP_CONTACT_KEYS, "created_at", "contact_inboxes"]);
      expect(payload.contact).toMatchObject({ name: "Lin", email: "lin@example.test", phone_number: "+14155550100", availability_status: "offline", contact_inboxes: [], blocked: false });
      expect(payload.contact_inbox).toEqual({ inbox: null, source_id: null });
      const [row] = await t.db
        .select()
        .from(contacts)
        .where(eq(contacts.id, payload.contact.id as number));
      expect(row?.contactType).toBe("lead");
    });

    it("with inbox_id creates the contact_inbox (source_id given or a UUID) and answers the raw inbox", async () => {
      const res = await call(contactsRoute.POST, { method: "POST", params: acc(), token: w.admin.accessToken, body: { name: "Mo", inbox_id: w.inbox.id, source_id: "crm-42" } });
      expect(res.status).toBe(200);
      const payload = (res.body as { payload: { contact: Body & { contact_inboxes: Body[] }; contact_inbox: { inbox: Body; source_id: string } } }).payload;
      expect(payload.contact_inbox.source_id).toBe("crm-42");
      expect(payload.contact_inbox.inbox).toMatchObject({ id: w.inbox.id, account_id: w.account.id, name: w.inbox.name, channel_type: "Channel::WebWidget" });
      expect(payload.contact.contact_inboxes).toEqual([
        { source_id: "crm-42", inbox: { id: w.inbox.id, avatar_url: "", channel_id: expect.any(Number), name: w.inbox.name, channel_type: "Channel::WebWidget", provider: null } },
      ]);
      const generated = await call(contactsRoute.POST, { method: "POST", params: acc(), token: w.admin.accessToken, body: { name: "Ng", inbox_id: w.inbox.id } });
      expect((generated.body as { payload: { contact_inbox: { source_id: string } } }).payload.contact_inbox.source_id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("an invalid phone or a taken email is a 422 naming the field; an unknown inbox_id is a 404; none of them writes", async () => {
      await buildContact(t.db, { accountId: w.account.id, name: "Taken", email: "taken@example.test" });
      const count = async () => (await t.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.accountId, w.account.id))).length;
      const before = await count();
      const phone = await call(contactsRoute.POST, { method: "POST", params: acc(), token: w.agent.accessToken, body: { name: "P", phone_number: "123456789" } });
      expect([phone.status, (phone.body as Body).attributes]).toEqual([422, ["phone_number"]]);
      const email = await call(contactsRoute.POST, { method: "POST", params: acc(), token: w.agent.accessToken, body: { name: "E", email: "TAKEN@example.test" } });
      expect([email.status, (email.body as Body).attributes]).toEqual([422, ["email"]]);
      const inbox = await call(contactsRoute.POST, { method: "POST", params: acc(), token: w.agent.accessToken, body: { name: "I", inbox_id: 99999999 } });
      expect(inbox.status).toBe(404);
      const foreignInbox = await call(contactsRoute.POST, { method: "POST", params: acc(), token: w.agent.accessToken, body: { name: "F", inbox_id: w.strangerInbox.id } });
      expect(foreignInbox.status).toBe(404);
      expect(await count()).toBe(before);
    });

    it("a source_id already used in the inbox is a 422 and leaves no contact behind", async () => {
      await call(contactsRoute.POST, { method: "POST", params: acc(), token: w.admin.accessToken, body: { name: "First", inbox_id: w.inbox.id, source_id: "dup-source" } });
      const res = await call(contactsRoute.POST, { method: "POST", params: acc(), token: w.admin.accessToken, body: { name: "Second Dup", inbox_id: w.inbox.id, source_id: "dup-source" } });
      expect([res.status, (res.body as Body).attributes]).toEqual([422, ["source_id"]]);
      expect(await t.db.select().from(contacts).where(eq(contacts.name, "Second Dup"))).toEqual([]);
      expect((await t.db.select().from(contactInboxes).where(eq(contactInboxes.sourceId, "dup-source"))).length).toBe(1);
    });
  });

  describe("GET /contacts", () => {
    it("lists the account's resolved contacts (email, phone or identifier), 15 a page, {meta: {count, current_page}, payload}", async () => {
      const account = await buildAccount(t.db, "Paged");
      const admin = await buildUser(t.db, { accountId: account.id, role: "administrator" });
      for (let i = 0; i < 17; i++) await buildContact(t.db, { accountId: account.id, name: `C${String(i).padStart(2, "0")}`, email: `c${i}@paged.test` });
      await buildContact(t.db, { accountId: account.id, name: "Anonymous visitor" });
      const page = (qs: string) => call(contactsRoute.GET, { params: { accountId: String(account.id) }, path: `/api/v1/accounts/${account.id}/contacts${qs}`, token: admin.accessToken });
      const first = (await page("?sort=name")).body as { meta: Body; payload: Body[] };
      expect(first.meta).toEqual({ count: 17, current_page: 1 });
      expect(first.payload).toHaveLength(15);
      expect(first.payload[0]!.name).toBe("C00");
      const second = (await page("?sort=-name&page=2")).body as { meta: Body; payload: Body[] };
      expect(second.meta).toEqual({ count: 17, current_page: "2" }); // Chatwoot echoes the raw param
      expect(second.payload.map((c) => c.name)).toEqual(["C01", "C00"]);
      const bare = (await page("?include_contact_inboxes=false")).body as { payload: Body[] };
      expect(bare.payload[0]).not.toHaveProperty("contact_inboxes");
    });

    it("an agent lists the whole account's contacts (contacts are account-wide, as Chatwoot); another account's are never listed", async () => {
      const res = await call(contactsRoute.GET, { params: acc(), token: w.outsider.accessToken });
      const ids = (res.body as { payload: Body[] }).payload.map((c) => c.id);
      expect(ids).not.toContain(w.strangerContact.id);
      expect((await call(contactsRoute.GET, { params: { accountId: String(w.stranger.id) }, token: w.agent.accessToken })).status).toBe(404);
    });
  });

  describe("GET /contacts/search", () => {
    it("matches name, email, phone (case-insensitive) and identifier; same envelope as the index", async () => {
      await buildContact(t.db, { accountId: w.account.id, name: "Searchable Sam", email: "sam@search.test", identifier: "ID-SAM" });
      const search = async (q: string) =>
        (await call(searchRoute.GET, { params: acc(), path: `/api/v1/accounts/${w.account.id}/contacts/search?q=${encodeURIComponent(q)}`, token: w.agent.accessToken })).body as {
          meta: Body;
          payload: Body[];
        };
      expect((await search("searchable")).payload.map((c) => c.name)).toEqual(["Searchable Sam"]);
      expect((await search("SAM@SEARCH")).meta).toEqual({ count: 1, current_page: 1 });
      expect((await search("ID-SAM")).payload).toHaveLength(1);
      expect((await search("id-sam")).payload).toHaveLength(0); // identifier is case-sensitive, as Chatwoot
      expect((await search("100%")).payload).toHaveLength(0); // % is literal
    });

    it("a blank or missing q is a 422 naming q (Chatwoot's intended answer; its early return never fires)", async () => {
      for (const qs of ["", "?q=", "?q=%20%20"]) {
        const res = await call(searchRoute.GET, { params: acc(), path: `/api/v1/accounts/${w.account.id}/contacts/search${qs}`, token: w.agent.accessToken });
        expect([res.status, (res.body as Body).attributes]).toEqual([422, ["q"]]);
      }
    });
  });

  describe("GET|PUT|PATCH /contacts/{id}", () => {
    it("shows {payload: AppContact + contact_inboxes}; last_activity_at appears once set", async () => {
      const res = await call(contactRoute.GET, { params: { ...acc(), contactId: String(w.contact.id) }, token: w.agent.accessToken });
      expect(res.status).toBe(200);
      const payload = (res.body as { payload: Body }).payload;
      expect(payload).toMatchObject({ id: w.contact.id, contact_inboxes: [{ source_id: w.contactInbox.sourceId }] });
      await t.db
        .update(contacts)
        .set({ lastActivityAt: new Date("2026-01-01T00:00:00Z") })
        .where(eq(contacts.id, w.contact.id));
      const again = (await call(contactRoute.GET, { params: { ...acc(), contactId: String(w.contact.id) }, token: w.agent.accessToken })).body as { payload: Body };
      expect(Object.keys(again.payload)).toEqual([...APP_CONTACT_KEYS, "last_activity_at", "created_at", "contact_inboxes"]);
      expect(again.payload.last_activity_at).toBe(Date.parse("2026-01-01T00:00:00Z") / 1000);
    });

    it("updates given fields, shallow-merges custom_attributes, and PATCH behaves as PUT", async () => {
      const c = await buildContact(t.db, { accountId: w.account.id, name: "Up", customAttributes: { a: 1, b: 2 } });
      const params = { ...acc(), contactId: String(c.id) };
      const put = await call(contactRoute.PUT, { method: "PUT", params, token: w.agent.accessToken, body: { email: "UP@x.test", custom_attributes: { b: 3 } } });
      expect(put.status).toBe(200);
      expect((put.body as { payload: Body }).payload).toMatchObject({ name: "Up", email: "up@x.test", custom_attributes: { a: 1, b: 3 } });
      const patch = await call(contactRoute.PATCH, { method: "PATCH", params, token: w.agent.accessToken, body: { name: "Upper" } });
      expect((patch.body as { payload: Body }).payload).toMatchObject({ name: "Upper", email: "up@x.test" });
    });

    it("another account's contact is a 404", async () => {
      const res = await call(contactRoute.GET, { params: { ...acc(), contactId: String(w.strangerContact.id) }, token: w.admin.accessToken });
      expect(res.status).toBe(404);
    });
  });
});
