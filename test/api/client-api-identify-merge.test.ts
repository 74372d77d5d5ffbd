import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { contactInboxes, contacts, conversations } from "@/db/schema";
import { identifierHash } from "@/lib/contacts/identity-verification";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildContact } from "@/test/support/engine-fixtures";
import { clientApi } from "@/test/support/client-api";
import { buildClientWorld } from "@/test/support/client-world";

type Session = { source_id: string; id: number };

/** W3 merge on identify through the Client API's contact update (§A3). */
describe.each(backends)("Client API §A3 merges an anonymous contact into the verified person (W3, %s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { poolMax: 20 });
    installDatabase(t);
  });
  afterAll(async () => closeTestDatabase(t));

  async function world() {
    installCoordinationStore(createMemoryStore());
    const w = await buildClientWorld(t.db);
    const hash = (id: string) => identifierHash(w.widget.hmacToken, id);
    /** A known person with a conversation of their own, and an anonymous session that already talked. */
    const person = await buildContact(t.db, { accountId: w.account.id, identifier: "pat", name: "Pat", customAttributes: { tier: "gold" } });
    const anon = (await clientApi("POST", `${w.base}/contacts`, { body: { name: "Anon", custom_attributes: { tier: "none", source: "app" } } })).body as Session;
    const path = `${w.base}/contacts/${anon.source_id}`;
    const conversation = (await clientApi("POST", `${path}/conversations`, { body: {} })).body as { id: number };
    await clientApi("POST", `${path}/conversations/${conversation.id}/messages`, { body: { content: "before logging in" } });
    return { ...w, hash, person, anon, path, conversation };
  }
  const contactRow = async (id: number) => (await t.db.select().from(contacts).where(eq(contacts.id, id)))[0];

  it("a valid hash for an identifier another contact owns merges into that contact and answers it; the source_id keeps working", async () => {
    const w = await world();
    const res = await clientApi("PATCH", w.path, { body: { identifier: "pat", identifier_hash: w.hash("pat"), phone_number: "+4915100000001" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.person.id, name: "Pat", identifier: "pat", phone_number: "+4915100000001", custom_attributes: { tier: "gold", source: "app" } });
    expect(await contactRow(w.anon.id)).toBeUndefined();
    expect(await clientApi("GET", w.path)).toMatchObject({ status: 200, body: { id: w.person.id, source_id: w.anon.source_id } });
    const listed = (await clientApi("GET", `${w.path}/conversations/${w.conversation.id}/messages`)).body as { content: string }[];
    expect(listed.map((m) => m.content)).toContain("before logging in");
    const [ci] = await t.db.select().from(contactInboxes).where(eq(contactInboxes.sourceId, w.anon.source_id));
    expect(ci).toMatchObject({ contactId: w.person.id, hmacVerified: true });
    expect((await t.db.select().from(conversations).where(eq(conversations.contactId, w.person.id))).length).toBe(1);
  });

  it("without a hash the identifier is only a claim: no merge, the person is untouched", async () => {
    const w = await world();
    const res = await clientApi("PATCH", w.path, { body: { identifier: "pat", name: "Not Pat" } });
    expect(res).toMatchObject({ status: 200, body: { id: w.anon.id, name: "Not Pat", identifier: null } });
    expect(await contactRow(w.person.id)).toMatchObject({ name: "Pat" });
    expect(await contactRow(w.anon.id)).toBeDefined();
  });

  it("a refused update (email another contact holds) merges nothing", async () => {
    const w = await world();
    await buildContact(t.db, { accountId: w.account.id, email: "taken@example.test" });
    const res = await clientApi("PATCH", w.path, { body: { identifier: "pat", identifier_hash: w.hash("pat"), email: "taken@example.test" } });
    expect(res.status).toBe(422);
    expect(await contactRow(w.anon.id)).toBeDefined();
    const [ci] = await t.db.select().from(contactInboxes).where(eq(contactInboxes.sourceId, w.anon.source_id));
    expect(ci).toMatchObject({ contactId: w.anon.id, hmacVerified: false });
  });

  it("concurrent identical updates merge once and all succeed", async () => {
    const w = await world();
    const results = await Promise.all([1, 2, 3, 4].map(() => clientApi("PATCH", w.path, { body: { identifier: "pat", identifier_hash: w.hash("pat") } })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(results.map((r) => (r.body as { id: number }).id))).toEqual(new Set([w.person.id]));
    expect(await contactRow(w.anon.id)).toBeUndefined();
    expect((await t.db.select().from(contactInboxes).where(eq(contactInboxes.contactId, w.person.id))).length).toBe(1);
  });
});
