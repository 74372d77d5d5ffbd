import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { contactInboxes, contacts, webWidgets } from "@/db/schema";
import { identifierHash } from "@/lib/contacts/identity-verification";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildContact } from "@/test/support/engine-fixtures";
import { clientApi } from "@/test/support/client-api";
import { buildClientWorld } from "@/test/support/client-world";

const HMAC_FAILED = { error: "HMAC failed: Invalid Identifier Hash Provided" };
const NOT_FOUND = { error: "Resource could not be found" };

describe.each(backends)("Client API contacts (%s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
  });
  afterAll(async () => closeTestDatabase(t));

  const world = (overrides: Parameters<typeof buildClientWorld>[1] = {}) => buildClientWorld(t.db, overrides);
  const mandatory = async (w: Awaited<ReturnType<typeof world>>) => t.db.update(webWidgets).set({ hmacMandatory: true }).where(eq(webWidgets.id, w.widget.id));
  const contactInboxOf = async (inboxId: number, sourceId: string) => (await t.db.select().from(contactInboxes).where(eq(contactInboxes.sourceId, sourceId))).find((ci) => ci.inboxId === inboxId)!;

  it("§A0 shows the inbox by its website_token; an unknown identifier is a 404", async () => {
    const w = await world({ name: "Support", timezone: "Europe/Berlin", workingHoursEnabled: true, greetingEnabled: true });
    const res = await clientApi("GET", w.base);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      identifier: w.widget.websiteToken,
      identity_validation_enabled: false,
      name: "Support",
      timezone: "Europe/Berlin",
      working_hours_enabled: true,
      csat_survey_enabled: false,
      greeting_enabled: true,
    });
    const days = (res.body as { working_hours: unknown[] }).working_hours;
    expect(days).toHaveLength(7);
    expect(days[0]).toEqual({ day_of_week: 0, closed_all_day: true, open_hour: null, open_minutes: null, close_hour: null, close_minutes: null, open_all_day: false });
    expect(days[1]).toEqual({ day_of_week: 1, closed_all_day: false, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 0, open_all_day: false });
    expect(await clientApi("GET", "/public/api/v1/inboxes/nope")).toMatchObject({ status: 404, body: NOT_FOUND });
  });

  it("answers browsers on other origins: a preflight, and Access-Control-Allow-Origin on successes and errors (no cookies involved)", async () => {
    const w = await world();
    const preflight = await clientApi("OPTIONS", `${w.base}/contacts`, { headers: { origin: "https://shop.example", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Content-Type");
    const ok = await clientApi("POST", `${w.base}/contacts`, { body: {}, headers: { origin: "https://shop.example" } });
    const missing = await clientApi("GET", `${w.base}/contacts/nope`, { headers: { origin: "https://shop.example" } });
    expect([ok.status, missing.status]).toEqual([200, 404]);
    expect([ok.headers.get("access-control-allow-origin"), missing.headers.get("access-control-allow-origin")]).toEqual(["*", "*"]);
  });

  it("§A1 K2 creates a contact with a friendly name and returns the session shape (200, not 201)", async () => {
    const w = await world();
    const res = await clientApi("POST", `${w.base}/contacts`, { body: {} });
    expect(res.status).toBe(200);
    const session = res.body as Record<string, unknown>;
    expect(Object.keys(session)).toEqual(["source_id", "pubsub_token", "id", "name", "email", "phone_number"]);
    expect(session.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    const [row] = await t.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, session.id as number));
    expect(row!.contactType).toBe("visitor");
    const ci = await contactInboxOf(w.inbox.id, session.source_id as string);
    expect(ci).toMatchObject({ contactId: session.id, pubsubToken: session.pubsub_token, hmacVerified: false });
  });

  it("§A1 K1 K2 lower-cases the email (a lead) and returns an existing source_id unchanged; a known email without proof gets a contact of its own (Parley)", async () => {
    const w = await world();
    const first = await clientApi("POST", `${w.base}/contacts`, { body: { source_id: "device-1", name: "Lin", email: "Lin@Example.TEST", phone_number: "+4915112345678" } });
    expect(first).toMatchObject({ status: 200, body: { source_id: "device-1", name: "Lin", email: "lin@example.test", phone_number: "+4915112345678" } });
    const id = (first.body as { id: number }).id;
    const [row] = await t.db.select().from(contacts).where(eq(contacts.id, id));
    expect(row!.contactType).toBe("lead");
    const again = await clientApi("POST", `${w.base}/contacts`, { body: { source_id: "device-1", name: "Someone else" } });
    expect(again.body).toEqual(first.body);
    // Chatwoot joins Lin's contact here and answers her name and phone; Parley never hands an unproven
    // claim someone else's details (nor, through this source_id, §A2/§A3 access to them).
    const second = await clientApi("POST", `${w.base}/contacts`, { body: { source_id: "device-2", email: "lin@example.test" } });
    expect(second.status).toBe(200);
    const stranger = second.body as { id: number; name: string; email: string | null; phone_number: string | null };
    expect(stranger.id).not.toBe(id);
    expect(stranger).toMatchObject({ email: null, phone_number: null });
    expect(stranger.name).not.toBe("Lin");
    expect((await clientApi("GET", `${w.base}/contacts/device-2`)).body).toMatchObject({ id: stranger.id, email: null, phone_number: null });
    expect((await clientApi("PATCH", `${w.base}/contacts/device-2`, { body: { name: "Mallory" } })).body).toMatchObject({ id: stranger.id });
    const [lin] = await t.db.select().from(contacts).where(eq(contacts.id, id));
    expect(lin).toMatchObject({ name: "Lin", email: "lin@example.test", phoneNumber: "+4915112345678" });
  });

  it("§A1 an unproven identifier of a known person gets a contact of its own, the claim unverified (#13 §1)", async () => {
    const w = await world();
    const [kim] = await t.db
      .insert(contacts)
      .values({ accountId: w.account.id, name: "Kim Known", identifier: "kim", email: "kim@example.test", customAttributes: { tier: "gold" } })
      .returning();
    const res = await clientApi("POST", `${w.base}/contacts`, { body: { source_id: "mallory-device", identifier: "kim", name: "Mallory" } });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain("kim@example.test");
    expect(res.text).not.toContain("gold");
    const own = res.body as { id: number };
    expect(own.id).not.toBe(kim!.id);
    expect((await clientApi("GET", `${w.base}/contacts/mallory-device`)).body).toMatchObject({ id: own.id, email: null });
    const [row] = await t.db.select().from(contacts).where(eq(contacts.id, own.id));
    expect(row).toMatchObject({ identifier: null, unverifiedIdentifier: "kim" });
  });

  it("§A1 K1 two first requests for the same proven identifier at once share one contact", async () => {
    const w = await world();
    const identifier_hash = identifierHash(w.widget.hmacToken, "racer");
    const results = await Promise.all(Array.from({ length: 5 }, () => clientApi("POST", `${w.base}/contacts`, { body: { identifier: "racer", identifier_hash, email: "racer@example.test" } })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => (r.body as { id: number }).id)).size).toBe(1);
  });

  it("§A1 K1 unproven claims to one identifier at once: all 200, each a contact of its own with the claim unverified", async () => {
    const w = await world();
    const results = await Promise.all(Array.from({ length: 5 }, () => clientApi("POST", `${w.base}/contacts`, { body: { identifier: "claimed", email: "claimed@example.test" } })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => (r.body as { id: number }).id)).size).toBe(5);
    expect(results.filter((r) => (r.body as { email: string | null }).email === "claimed@example.test")).toHaveLength(1);
    expect(await t.db.select().from(contacts).where(eq(contacts.identifier, "claimed"))).toHaveLength(0);
    expect(await t.db.select().from(contacts).where(eq(contacts.unverifiedIdentifier, "claimed"))).toHaveLength(5);
  });

  it("§A1 K1 an invalid email or phone is a 422 naming the field (the Client API validates; only the widget discards)", async () => {
    const w = await world();
    const email = await clientApi("POST", `${w.base}/contacts`, { body: { email: "<2324234234" } });
    expect(email).toMatchObject({ status: 422, body: { attributes: ["email"], errors: { email: ["is invalid"] } } });
    const phone = await clientApi("POST", `${w.base}/contacts`, { body: { phone_number: "123456789" } });
    expect(phone).toMatchObject({ status: 422, body: { attributes: ["phone_number"] } });
  });

  it("§A2 shows the contact's session by source_id; an unknown source_id is a 404", async () => {
    const w = await world();
    const res = await clientApi("GET", `${w.base}/contacts/${w.contactInbox.sourceId}`);
    expect(res).toMatchObject({ status: 200, body: { source_id: w.contactInbox.sourceId, pubsub_token: w.contactInbox.pubsubToken, id: w.contact.id, name: "Grace Visitor" } });
    expect(await clientApi("GET", `${w.base}/contacts/unknown-source`)).toMatchObject({ status: 404, body: NOT_FOUND });
  });

  it("§A2 a contact_inbox of another inbox is not reachable through this inbox (404)", async () => {
    const a = await world();
    const b = await world();
    expect((await clientApi("GET", `${a.base}/contacts/${b.contactInbox.sourceId}`)).status).toBe(404);
  });

  it("§A3 updates the contact and answers RawContact; blanks are skipped, identifier is not written, attributes merge", async () => {
    const w = await world();
    await t.db
      .update(contacts)
      .set({ email: "grace@example.test", customAttributes: { plan: "free", seats: 1 } })
      .where(eq(contacts.id, w.contact.id));
    const res = await clientApi("PATCH", w.contactBase, { body: { name: "Grace Hopper", email: "", identifier: "ignored", custom_attributes: { plan: "pro" } } });
    expect(res.status).toBe(200);
    const raw = res.body as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual([
      "id",
      "name",
      "email",
      "phone_number",
      "account_id",
      "created_at",
      "updated_at",
      "additional_attributes",
      "identifier",
      "custom_attributes",
      "last_activity_at",
      "contact_type",
      "middle_name",
      "last_name",
      "location",
      "country_code",
      "blocked",
      "company_id",
    ]);
    expect(raw).toMatchObject({ id: w.contact.id, name: "Grace Hopper", email: "grace@example.test", identifier: null, custom_attributes: { plan: "pro", seats: 1 }, account_id: w.account.id });
    expect(raw.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const put = await clientApi("PUT", w.contactBase, { body: { phone_number: "+12312312321" } });
    expect(put).toMatchObject({ status: 200, body: { phone_number: "+12312312321", name: "Grace Hopper" } });
  });

  it("§A3 K1 an invalid email, or one another contact holds, is a 422 and changes nothing", async () => {
    const w = await world();
    await buildContact(t.db, { accountId: w.account.id, email: "taken@example.test" });
    expect(await clientApi("PATCH", w.contactBase, { body: { email: "not-an-email" } })).toMatchObject({ status: 422, body: { attributes: ["email"] } });
    expect(await clientApi("PATCH", w.contactBase, { body: { email: "TAKEN@example.test", name: "X" } })).toMatchObject({ status: 422, body: { errors: { email: ["has already been taken"] } } });
    const [row] = await t.db.select().from(contacts).where(eq(contacts.id, w.contact.id));
    expect(row).toMatchObject({ name: "Grace Visitor", email: null });
  });

  describe("W3 HMAC identity (Chatwoot's contacts-controller cases, hmac_mandatory)", () => {
    it("§A1 with the correct hash → 200; wrong, blank or missing hash → 401 and nothing written", async () => {
      const w = await world();
      await mandatory(w);
      const hash = identifierHash(w.widget.hmacToken, "user-42");
      const ok = await clientApi("POST", `${w.base}/contacts`, { body: { identifier: "user-42", identifier_hash: hash, name: "Verified" } });
      expect(ok).toMatchObject({ status: 200, body: { name: "Verified" } });
      const before = await t.db.select().from(contacts).where(eq(contacts.accountId, w.account.id));
      for (const identifier_hash of ["0".repeat(64), "", undefined]) {
        const res = await clientApi("POST", `${w.base}/contacts`, { body: { identifier: "user-43", identifier_hash, name: "Intruder" } });
        expect(res).toMatchObject({ status: 401, body: HMAC_FAILED });
      }
      expect(await t.db.select().from(contacts).where(eq(contacts.accountId, w.account.id))).toHaveLength(before.length);
    });

    it("a different identifier (with its own valid hash) gets a new contact", async () => {
      const w = await world();
      await mandatory(w);
      const post = (identifier: string) => clientApi("POST", `${w.base}/contacts`, { body: { identifier, identifier_hash: identifierHash(w.widget.hmacToken, identifier) } });
      const a = (await post("alice")).body as { id: number };
      const again = (await post("alice")).body as { id: number; source_id: string };
      const b = (await post("bob")).body as { id: number };
      expect(again.id).toBe(a.id);
      expect(b.id).not.toBe(a.id);
    });

    it("§A2/§A3 with the correct hash → 2xx and the contact_inbox becomes hmac_verified; §A1 does not verify", async () => {
      const w = await world();
      await mandatory(w);
      const hash = identifierHash(w.widget.hmacToken, "carol");
      const created = (await clientApi("POST", `${w.base}/contacts`, { body: { identifier: "carol", identifier_hash: hash } })).body as { source_id: string };
      expect((await contactInboxOf(w.inbox.id, created.source_id)).hmacVerified).toBe(false);
      const path = `${w.base}/contacts/${created.source_id}`;
      expect((await clientApi("GET", `${path}?identifier=carol&identifier_hash=${hash}`)).status).toBe(200);
      expect((await contactInboxOf(w.inbox.id, created.source_id)).hmacVerified).toBe(true);
      expect((await clientApi("PATCH", path, { body: { identifier: "carol", identifier_hash: hash, name: "Carol" } })).status).toBe(200);
    });

    it("§A2/§A3 with a wrong, blank or missing hash → 401 and the contact is not changed", async () => {
      const w = await world();
      await mandatory(w);
      await t.db.update(contacts).set({ identifier: "dave" }).where(eq(contacts.id, w.contact.id));
      for (const q of ["?identifier=dave&identifier_hash=abc", "?identifier=dave&identifier_hash=", ""]) {
        expect(await clientApi("GET", `${w.contactBase}${q}`)).toMatchObject({ status: 401, body: HMAC_FAILED });
      }
      expect(await clientApi("PATCH", w.contactBase, { body: { name: "Mallory", identifier: "dave", identifier_hash: "f".repeat(64) } })).toMatchObject({ status: 401 });
      expect(await clientApi("PATCH", w.contactBase, { body: { name: "Mallory" } })).toMatchObject({ status: 401 });
      const [row] = await t.db.select().from(contacts).where(eq(contacts.id, w.contact.id));
      expect(row!.name).toBe("Grace Visitor");
      expect((await contactInboxOf(w.inbox.id, w.contactInbox.sourceId)).hmacVerified).toBe(false);
    });

    it("without hmac_mandatory: no hash is fine, a wrong one is still a 401 (never Chatwoot's 500)", async () => {
      const w = await world();
      expect((await clientApi("POST", `${w.base}/contacts`, { body: { identifier: "erin" } })).status).toBe(200);
      expect(await clientApi("POST", `${w.base}/contacts`, { body: { identifier: "frank", identifier_hash: "nope" } })).toMatchObject({ status: 401, body: HMAC_FAILED });
    });

    it("a valid pair for one identifier cannot verify another person's contact_inbox (Parley)", async () => {
      const w = await world();
      await t.db.update(contacts).set({ identifier: "victim" }).where(eq(contacts.id, w.contact.id));
      const mine = identifierHash(w.widget.hmacToken, "attacker");
      expect((await clientApi("GET", `${w.contactBase}?identifier=attacker&identifier_hash=${mine}`)).status).toBe(401);
      expect((await contactInboxOf(w.inbox.id, w.contactInbox.sourceId)).hmacVerified).toBe(false);
    });
  });
});
