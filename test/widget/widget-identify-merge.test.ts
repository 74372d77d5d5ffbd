import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { contactInboxes, contacts, conversations, events, messages, webWidgets } from "@/db/schema";
import { identifierHash } from "@/lib/contacts/identity-verification";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildClientWorld } from "@/test/support/client-world";
import { widgetApi } from "@/test/support/widget-api";

type Config = { website_channel_config: { auth_token: string }; contact: { id: number } };
type SetUser = { id: number; has_email: boolean; widget_auth_token?: string };

/**
 * W3 merge on identify: an anonymous visitor who proves (identifier_hash) to be a known person is
 * folded into that person; an unproven claim never is. Both backends; the races run on real Postgres
 * with a pool wide enough for every request to hold its own connection.
 */
describe.each(backends)("set_user merges an anonymous visitor into the verified person (W3, %s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { poolMax: 20 });
    installDatabase(t);
  });
  afterAll(async () => closeTestDatabase(t));

  async function world({ mandatory = false } = {}) {
    installCoordinationStore(createMemoryStore());
    const w = await buildClientWorld(t.db);
    if (mandatory) await t.db.update(webWidgets).set({ hmacMandatory: true }).where(eq(webWidgets.id, w.widget.id));
    const q = `?website_token=${w.widget.websiteToken}`;
    const visitor = async () => {
      const config = (await widgetApi("POST", `/api/v1/widget/config${q}`)).body as Config;
      return { token: config.website_channel_config.auth_token, contactId: config.contact.id };
    };
    const hash = (id: string) => identifierHash(w.widget.hmacToken, id);
    const setUser = (token: string, body: Record<string, unknown>) => widgetApi("PATCH", `/api/v1/widget/contact/set_user${q}`, { token, body });
    const send = (token: string, content: string) => widgetApi("POST", `/api/v1/widget/messages${q}`, { token, body: { message: { content } } });
    const list = async (token: string) => ((await widgetApi("GET", `/api/v1/widget/messages${q}`, { token })).body as { payload: { content: string }[] }).payload.map((m) => m.content);
    const contactOf = async (token: string) => (await widgetApi("GET", `/api/v1/widget/contact${q}`, { token })).body as { id: number; identifier: string | null };
    /** A known person: identified and verified on a laptop, with a conversation. */
    const person = async (identifier: string, extra: Record<string, unknown> = {}) => {
      const laptop = await visitor();
      const res = await setUser(laptop.token, { identifier, identifier_hash: hash(identifier), ...extra });
      expect(res.status).toBe(200);
      await send(laptop.token, `${identifier} on the laptop`);
      return { token: laptop.token, id: (res.body as SetUser).id };
    };
    return { ...w, q, visitor, hash, setUser, send, list, contactOf, person };
  }

  const contactRow = async (id: number) => (await t.db.select().from(contacts).where(eq(contacts.id, id)))[0];

  it("folds the anonymous contact's conversations, messages and attributes into the person and deletes it; the old token keeps working", async () => {
    const w = await world();
    const paula = await w.person("paula", { name: "Paula", custom_attributes: { plan: "pro" } });
    const phone = await w.visitor();
    await widgetApi("PATCH", `/api/v1/widget/contact${w.q}`, { token: phone.token, body: { email: "Paula@Example.com", custom_attributes: { plan: "free", device: "phone" } } });
    await w.send(phone.token, "asked before logging in");
    const [anonConversation] = await t.db.select().from(conversations).where(eq(conversations.contactId, phone.contactId));
    const before = (await t.db.select({ n: sql<number>`max(id)::int` }).from(events))[0]!.n ?? 0;

    const res = await w.setUser(phone.token, { identifier: "paula", identifier_hash: w.hash("paula") });
    expect(res.status).toBe(200);
    const body = res.body as SetUser;
    expect(body).toMatchObject({ id: paula.id, has_email: true });
    expect(typeof body.widget_auth_token).toBe("string");

    expect(await contactRow(phone.contactId)).toBeUndefined();
    const merged = await contactRow(paula.id);
    expect(merged).toMatchObject({ identifier: "paula", name: "Paula", email: "paula@example.com", contactType: "lead", customAttributes: { plan: "pro", device: "phone" } });
    const [moved] = await t.db.select().from(conversations).where(eq(conversations.id, anonConversation!.id));
    expect(moved!.contactId).toBe(paula.id);
    const senders = await t.db
      .select({ type: messages.senderType, id: messages.senderId })
      .from(messages)
      .where(and(eq(messages.conversationId, moved!.id), eq(messages.messageType, "incoming")));
    expect(senders).toEqual([{ type: "contact", id: paula.id }]);
    // The same contact_inbox, now the person's and verified: the old token and the new one name it.
    for (const token of [phone.token, body.widget_auth_token!]) expect(await w.contactOf(token)).toMatchObject({ id: paula.id, identifier: "paula" });
    const cis = await t.db.select().from(contactInboxes).where(eq(contactInboxes.contactId, paula.id));
    expect(cis.map((ci) => ci.hmacVerified)).toEqual([true, true]);
    // Agents' lists learn the surviving contact and where the moved conversation now belongs.
    const emitted = await t.db
      .select({ type: events.type, conversationId: events.conversationId, payload: events.payload })
      .from(events)
      .where(sql`${events.id} > ${before}`);
    expect(emitted.some((e) => e.type === "contact.updated" && (e.payload as { id: number }).id === paula.id)).toBe(true);
    const updated = emitted.find((e) => e.type === "conversation.updated" && e.conversationId === anonConversation!.id);
    expect((updated?.payload as { meta: { sender: { id: number } } }).meta.sender.id).toBe(paula.id);
    // The visitor now sees the person's latest conversation, on every verified device (W3).
    await w.send(paula.token, "paula again on the laptop");
    expect(await w.list(body.widget_auth_token!)).toContain("paula again on the laptop");
  });

  it("an unverified claim never merges: the anonymous contact and the person stay apart, the person's history stays hidden", async () => {
    const w = await world();
    const dave = await w.person("dave");
    const claimer = await w.visitor();
    await w.send(claimer.token, "I am totally dave");
    const res = await w.setUser(claimer.token, { identifier: "dave", name: "Not Dave" });
    expect(res.status).toBe(200);
    expect(await contactRow(claimer.contactId)).toBeDefined();
    expect((await contactRow(dave.id))!.name).not.toBe("Not Dave");
    const [claimed] = await t.db.select().from(conversations).where(eq(conversations.contactId, claimer.contactId));
    expect(claimed).toBeDefined();
    // The claimer stays on their own contact (no new token), the claim recorded as unverified.
    expect(res.body).toMatchObject({ id: claimer.contactId });
    expect((res.body as SetUser).widget_auth_token).toBeUndefined();
    expect(await w.list(claimer.token)).toEqual(["I am totally dave"]);
    expect((await contactRow(claimer.contactId))!.unverifiedIdentifier).toBe("dave");
  });

  it("a wrong hash is 401 and merges nothing", async () => {
    const w = await world();
    const erin = await w.person("erin");
    const mallory = await w.visitor();
    const res = await w.setUser(mallory.token, { identifier: "erin", identifier_hash: w.hash("mallory") });
    expect(res.status).toBe(401);
    expect(await contactRow(mallory.contactId)).toBeDefined();
    expect((await t.db.select().from(contactInboxes).where(eq(contactInboxes.contactId, erin.id))).length).toBe(1);
  });

  it("never merges on an email: a verified identifier plus someone else's email keeps that contact apart and drops the email", async () => {
    const w = await world();
    const other = await w.visitor();
    await widgetApi("PATCH", `/api/v1/widget/contact${w.q}`, { token: other.token, body: { email: "victim@example.com", name: "Victim" } });
    const attacker = await w.visitor();
    const res = await w.setUser(attacker.token, { identifier: "att", identifier_hash: w.hash("att"), email: "victim@example.com" });
    expect(res.status).toBe(200);
    expect((res.body as SetUser).widget_auth_token).toBeUndefined();
    expect(await contactRow(other.contactId)).toMatchObject({ email: "victim@example.com", name: "Victim", identifier: null });
    expect(await contactRow(attacker.contactId)).toMatchObject({ identifier: "att", email: null });
  });

  it("a verified switch never joins the holder of an email sent alongside (it is unsigned): their history stays hidden", async () => {
    const w = await world();
    const victim = await w.person("victim", { email: "victim@example.com" });
    const attacker = await w.person("att-1");
    const res = await w.setUser(attacker.token, { identifier: "att-2", identifier_hash: w.hash("att-2"), email: "victim@example.com" });
    expect(res.status).toBe(200);
    const body = res.body as SetUser;
    expect(body.id).not.toBe(victim.id);
    expect(body.has_email).toBe(false);
    expect(await w.list(body.widget_auth_token!)).toEqual([]);
    expect(await contactRow(victim.id)).toMatchObject({ identifier: "victim", email: "victim@example.com" });
    expect(await contactRow(body.id)).toMatchObject({ identifier: "att-2", email: null });
  });

  it("a visitor who already is someone else switches instead of merging; both people keep their contacts", async () => {
    const w = await world();
    const gina = await w.person("gina");
    const hank = await w.person("hank");
    const res = await w.setUser(hank.token, { identifier: "gina", identifier_hash: w.hash("gina") });
    expect((res.body as SetUser).id).toBe(gina.id);
    expect(await contactRow(hank.id)).toMatchObject({ identifier: "hank" });
    expect(await w.list(hank.token)).toEqual(["hank on the laptop"]);
  });

  it("two tabs identifying at once merge once: both 200, no duplicate rows, one contact left", async () => {
    const w = await world();
    const ivy = await w.person("ivy");
    const tab = await w.visitor();
    await w.send(tab.token, "from the tabs");
    const results = await Promise.all([1, 2, 3].map(() => w.setUser(tab.token, { identifier: "ivy", identifier_hash: w.hash("ivy"), name: "Ivy" })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.map((r) => (r.body as SetUser).id)).toEqual([ivy.id, ivy.id, ivy.id]);
    expect(await contactRow(tab.contactId)).toBeUndefined();
    const cis = await t.db.select().from(contactInboxes).where(eq(contactInboxes.inboxId, w.inbox.id));
    expect(cis.filter((ci) => ci.contactId === ivy.id)).toHaveLength(2);
    const convs = await t.db.select().from(conversations).where(eq(conversations.contactId, ivy.id));
    expect(convs).toHaveLength(2);
    expect(await w.list(tab.token)).toContain("from the tabs");
  });

  it("two anonymous devices proving the same new identifier at once end as one person", async () => {
    const w = await world({ mandatory: true });
    const devices = await Promise.all([w.visitor(), w.visitor(), w.visitor()]);
    const results = await Promise.all(devices.map((d) => w.setUser(d.token, { identifier: "jo", identifier_hash: w.hash("jo") })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const ids = new Set(results.map((r) => (r.body as SetUser).id));
    expect(ids.size).toBe(1);
    const [jo] = await t.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.accountId, w.account.id), eq(contacts.identifier, "jo")));
    expect([...ids]).toEqual([jo!.id]);
    const left = await t.db
      .select()
      .from(contacts)
      .where(
        inArray(
          contacts.id,
          devices.map((d) => d.contactId),
        ),
      );
    expect(left.map((c) => c.id)).toEqual([jo!.id]);
    const cis = await t.db.select().from(contactInboxes).where(eq(contactInboxes.contactId, jo!.id));
    expect(cis).toHaveLength(3);
    expect(cis.every((ci) => ci.hmacVerified)).toBe(true);
  });
});
