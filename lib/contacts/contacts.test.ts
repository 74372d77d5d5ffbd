import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactInboxes, contacts, events } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { buildAccount, buildInbox } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { findOrCreateContactInbox } from "./contact-inboxes";
import { createContact, updateContact } from "./save-contact";
import { searchContactsByQuery } from "./search-contacts";

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe.each(backends)("contacts on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => closeTestDatabase(t));

  const countContacts = async (accountId: number) => (await t.db.select().from(contacts).where(eq(contacts.accountId, accountId))).length;

  it("K1 lower-cases the email and makes it unique per account", async () => {
    const a = await buildAccount(t.db);
    const c = await createContact(t.db, { accountId: a.id, input: { name: "Ada", email: "Ada@Example.COM" } });
    expect(c.email).toBe("ada@example.com");
    const err = await rejection(createContact(t.db, { accountId: a.id, input: { email: "ADA@example.com" } }));
    expect(err.code).toBe("validation");
    expect(err.fields).toEqual({ email: ["has already been taken"] });
    expect(await countContacts(a.id)).toBe(1);
    // Another account may hold the same email.
    const b = await buildAccount(t.db, "Other");
    await expect(createContact(t.db, { accountId: b.id, input: { email: "ada@example.com" } })).resolves.toMatchObject({ email: "ada@example.com" });
  });

  it("K1 requires E.164 phone numbers, unique per account", async () => {
    const a = await buildAccount(t.db);
    const bad = await rejection(createContact(t.db, { accountId: a.id, input: { phone_number: "123456789" } }));
    expect(Object.keys(bad.fields ?? {})).toEqual(["phone_number"]);
    await createContact(t.db, { accountId: a.id, input: { phone_number: "+12312312321" } });
    const taken = await rejection(createContact(t.db, { accountId: a.id, input: { phone_number: "+12312312321" } }));
    expect(taken.fields).toEqual({ phone_number: ["has already been taken"] });
    expect(await countContacts(a.id)).toBe(1);
  });

  it("K1 rejects an invalid email and a taken identifier with field errors, writing nothing", async () => {
    const a = await buildAccount(t.db);
    const bad = await rejection(createContact(t.db, { accountId: a.id, input: { email: "<2324234234" } }));
    expect(bad.fields?.email).toBeDefined();
    await createContact(t.db, { accountId: a.id, input: { identifier: "user-1" } });
    const taken = await rejection(createContact(t.db, { accountId: a.id, input: { identifier: "user-1", email: "x@example.com" } }));
    expect(taken.fields).toEqual({ identifier: ["has already been taken"] });
    expect(await countContacts(a.id)).toBe(1);
  });

  it("K1 a NUL character in a field is a 422 naming it, not a database error", async () => {
    const a = await buildAccount(t.db);
    const err = await rejection(createContact(t.db, { accountId: a.id, input: { name: "A\u0000", custom_attributes: { k: "\u0000" } } }));
    expect(err.fields).toEqual({ name: ["contains a null character"], custom_attributes: ["contains a null character"] });
  });

  it("K1 update refuses another contact's email but accepts the contact's own", async () => {
    const a = await buildAccount(t.db);
    const one = await createContact(t.db, { accountId: a.id, input: { email: "one@example.com" } });
    const two = await createContact(t.db, { accountId: a.id, input: { email: "two@example.com" } });
    const err = await rejection(updateContact(t.db, { accountId: a.id, contactId: two.id, input: { email: "ONE@example.com" } }));
    expect(err.fields).toEqual({ email: ["has already been taken"] });
    await expect(updateContact(t.db, { accountId: a.id, contactId: one.id, input: { email: "one@example.com", name: "One" } })).resolves.toMatchObject({ name: "One" });
    const other = await buildAccount(t.db, "Other");
    expect((await rejection(updateContact(t.db, { accountId: other.id, contactId: one.id, input: { name: "x" } }))).code).toBe("not_found");
  });

  it("K1 discard mode (widget) drops an invalid or taken email/phone instead of failing", async () => {
    const a = await buildAccount(t.db);
    await createContact(t.db, { accountId: a.id, input: { email: "taken@example.com" } });
    const c = await createContact(t.db, { accountId: a.id, input: { name: "Widget", email: "not-an-email", phone_number: "12" }, mode: "discard" });
    expect(c).toMatchObject({ name: "Widget", email: null, phoneNumber: null });
    const u = await updateContact(t.db, { accountId: a.id, contactId: c.id, input: { email: "taken@example.com", phone_number: "+4915112345678" }, mode: "discard" });
    expect(u).toMatchObject({ email: null, phoneNumber: "+4915112345678" });
    const kept = await updateContact(t.db, { accountId: a.id, contactId: c.id, input: { phone_number: "bogus" }, mode: "discard" });
    expect(kept.phoneNumber).toBe("+4915112345678");
  });

  it("K1 maps a lost uniqueness race to a 422, never a raw database error", async () => {
    const a = await buildAccount(t.db);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => createContact(t.db, { accountId: a.id, input: { email: "race@example.com" } })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "validation", fields: { email: ["has already been taken"] } });
    }
  });

  it("K2 contact_type is lead once an email is known, else visitor; '' is no email", async () => {
    const a = await buildAccount(t.db);
    const v = await createContact(t.db, { accountId: a.id, input: { name: "V", email: "" } });
    expect(v).toMatchObject({ contactType: "visitor", email: null });
    const l = await updateContact(t.db, { accountId: a.id, contactId: v.id, input: { email: "Lead@Example.com" } });
    expect(l).toMatchObject({ contactType: "lead", email: "lead@example.com" });
  });

  it("K2 gives a contact without a name a generated friendly name", async () => {
    const a = await buildAccount(t.db);
    const c = await createContact(t.db, { accountId: a.id, input: {} });
    expect(c.name).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
  });

  it("emits contact.created and contact.updated to agents only", async () => {
    const a = await buildAccount(t.db);
    const c = await createContact(t.db, { accountId: a.id, input: { name: "Evented" } });
    await updateContact(t.db, { accountId: a.id, contactId: c.id, input: { name: "Renamed" } });
    const rows = await t.db.select().from(events).where(eq(events.accountId, a.id)).orderBy(events.id);
    expect(rows.map((r) => [r.type, r.private])).toEqual([
      ["contact.created", true],
      ["contact.updated", true],
    ]);
    expect(rows[1]!.payload).toMatchObject({ id: c.id, name: "Renamed", type: "contact", account_id: a.id });
  });

  it("contact_inboxes: find-or-create by (inbox, source_id) with a random pubsub token", async () => {
    const a = await buildAccount(t.db);
    const inbox = await buildInbox(t.db, { accountId: a.id });
    const first = await findOrCreateContactInbox(t.db, { accountId: a.id, inboxId: inbox.id });
    expect(first.created).toBe(true);
    expect(first.contactInbox.sourceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.contactInbox.pubsubToken).toMatch(/^[1-9A-HJ-NP-Za-km-z]{24}$/);
    const again = await findOrCreateContactInbox(t.db, { accountId: a.id, inboxId: inbox.id, sourceId: first.contactInbox.sourceId });
    expect(again).toMatchObject({ created: false, contactInbox: { id: first.contactInbox.id }, contact: { id: first.contact.id } });
    const other = await findOrCreateContactInbox(t.db, { accountId: a.id, inboxId: inbox.id });
    expect(other.contactInbox.pubsubToken).not.toBe(first.contactInbox.pubsubToken);
  });

  it("contact_inboxes: reuse an existing contact by identifier, then email, then phone", async () => {
    const a = await buildAccount(t.db);
    const inbox = await buildInbox(t.db, { accountId: a.id });
    const byId = await createContact(t.db, { accountId: a.id, input: { identifier: "crm-7" } });
    const byEmail = await createContact(t.db, { accountId: a.id, input: { email: "mail@example.com" } });
    const byPhone = await createContact(t.db, { accountId: a.id, input: { phone_number: "+441234567890" } });
    const s1 = await findOrCreateContactInbox(t.db, { accountId: a.id, inboxId: inbox.id, contact: { identifier: "crm-7", email: "mail@example.com" } });
    expect(s1.contact.id).toBe(byId.id);
    const s2 = await findOrCreateContactInbox(t.db, { accountId: a.id, inboxId: inbox.id, contact: { email: "MAIL@example.com", phone_number: "+441234567890" } });
    expect(s2.contact.id).toBe(byEmail.id);
    const s3 = await findOrCreateContactInbox(t.db, { accountId: a.id, inboxId: inbox.id, contact: { phone_number: "+441234567890" } });
    expect(s3.contact.id).toBe(byPhone.id);
    const fresh = await findOrCreateContactInbox(t.db, { accountId: a.id, inboxId: inbox.id, contact: { email: "new@example.com" } });
    expect(fresh.contact).toMatchObject({ email: "new@example.com", contactType: "lead" });
  });

  it("contact_inboxes: concurrent first requests with one source_id make one contact_inbox", async () => {
    const a = await buildAccount(t.db);
    const inbox = await buildInbox(t.db, { accountId: a.id });
    const sessions = await Promise.all(Array.from({ length: 5 }, () => findOrCreateContactInbox(t.db, { accountId: a.id, inboxId: inbox.id, sourceId: "same-source" })));
    expect(new Set(sessions.map((s) => s.contactInbox.id)).size).toBe(1);
    expect(await t.db.select().from(contactInboxes).where(eq(contactInboxes.inboxId, inbox.id))).toHaveLength(1);
  });

  it("search finds contacts by name, email, phone or identifier, case-insensitively, in one account only", async () => {
    const a = await buildAccount(t.db);
    const b = await buildAccount(t.db, "Other");
    await createContact(t.db, { accountId: a.id, input: { name: "Marie Curie", email: "marie@radium.test", phone_number: "+33123456789", identifier: "mc-100%" } });
    await createContact(t.db, { accountId: a.id, input: { name: "Pierre" } });
    await createContact(t.db, { accountId: b.id, input: { name: "Marie Other" } });
    const names = async (q: string) => (await searchContactsByQuery(t.db, { accountId: a.id, q })).map((c) => c.name);
    expect(await names("MARIE")).toEqual(["Marie Curie"]);
    expect(await names("radium")).toEqual(["Marie Curie"]);
    expect(await names("+3312")).toEqual(["Marie Curie"]);
    expect(await names("100%")).toEqual(["Marie Curie"]);
    expect(await names("%")).toEqual(["Marie Curie"]); // only the identifier holds a literal %
    expect(await names("_")).toEqual([]);
    expect(await names("  ")).toEqual([]);
  });
});
