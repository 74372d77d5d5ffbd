import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { contacts, conversations, labels } from "@/db/schema";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildClientWorld } from "@/test/support/client-world";
import { widgetApi } from "@/test/support/widget-api";

type Config = { website_channel_config: { auth_token: string }; contact: { id: number } };

/**
 * SD3: the Widget API routes Chatwoot's `window.$chatwoot` calls beyond the contact — setLabel,
 * removeLabel, set/deleteConversationCustomAttribute(s), deleteCustomAttribute — in Chatwoot's shapes.
 */
describe.each(backends)("Widget API for Chatwoot's SDK calls (%s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
  });
  afterAll(async () => closeTestDatabase(t));

  async function visitorWithConversation() {
    installCoordinationStore(createMemoryStore());
    const w = await buildClientWorld(t.db);
    const q = `?website_token=${w.widget.websiteToken}`;
    const config = (await widgetApi("POST", `/api/v1/widget/config${q}`)).body as Config;
    const token = config.website_channel_config.auth_token;
    const call = (method: string, path: string, body?: unknown) => widgetApi(method, `/api/v1/widget/${path}${q}`, { token, body });
    const conversation = async () => {
      const [c] = await t.db.select().from(conversations).where(eq(conversations.inboxId, w.inbox.id));
      return c;
    };
    return { ...w, q, token, call, conversation, contactId: config.contact.id };
  }

  it("SD3 setLabel adds an account label to the current conversation, removeLabel takes it off; unknown labels and no conversation are a quiet 204", async () => {
    const v = await visitorWithConversation();
    await t.db.insert(labels).values({ accountId: v.account.id, title: "vip" });
    // Before the first message there is no conversation: nothing to label, still 204.
    expect((await v.call("POST", "labels", { label: "vip" })).status).toBe(204);
    expect((await v.call("POST", "messages", { message: { content: "hi" } })).status).toBe(200);
    expect((await v.call("POST", "labels", { label: "vip" })).status).toBe(204);
    expect((await v.call("POST", "labels", { label: "not-a-label" })).status).toBe(204);
    expect((await v.conversation())!.labels).toEqual(["vip"]);
    expect((await v.call("DELETE", "labels/vip")).status).toBe(204);
    expect((await v.conversation())!.labels).toEqual([]);
    expect((await v.call("POST", "labels", {})).status).toBe(422);
    // A label the account does not have, named in the path: 404 like any unknown object.
    expect((await v.call("DELETE", "labels/nope")).status).toBe(404);
  });

  it("SD3 conversation custom attributes are merged and removed by name (Chatwoot's custom_attribute: [name])", async () => {
    const v = await visitorWithConversation();
    expect((await v.call("POST", "conversations/set_custom_attributes", { custom_attributes: { plan: "pro" } })).status).toBe(200);
    await v.call("POST", "messages", { message: { content: "hi" } });
    expect((await v.call("POST", "conversations/set_custom_attributes", { custom_attributes: { plan: "pro", seats: 3 } })).status).toBe(200);
    expect((await v.conversation())!.customAttributes).toEqual({ plan: "pro", seats: 3 });
    expect((await v.call("POST", "conversations/destroy_custom_attributes", { custom_attribute: ["plan"] })).status).toBe(200);
    expect((await v.conversation())!.customAttributes).toEqual({ seats: 3 });
    expect((await v.call("POST", "conversations/set_custom_attributes", { custom_attributes: "pro" })).status).toBe(422);
    expect((await v.conversation())!.customAttributes).toEqual({ seats: 3 });
  });

  it("SD3 deleteCustomAttribute removes keys from the visitor's own contact only", async () => {
    const v = await visitorWithConversation();
    await v.call("PATCH", "contact", { custom_attributes: { plan: "pro", city: "Oslo" } });
    const res = await v.call("POST", "contact/destroy_custom_attributes", { custom_attributes: ["plan"] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: v.contactId });
    const [row] = await t.db.select().from(contacts).where(eq(contacts.id, v.contactId));
    expect(row!.customAttributes).toEqual({ city: "Oslo" });
    expect((await v.call("POST", "contact/destroy_custom_attributes", { custom_attributes: [""] })).status).toBe(422);
    // Without the visitor's token: the same 404 as every Widget API route.
    expect((await widgetApi("POST", `/api/v1/widget/contact/destroy_custom_attributes${v.q}`, { body: { custom_attributes: ["city"] } })).status).toBe(404);
  });

  it("W9 inbox_members lists the inbox's agents for the home view: public name and availability only", async () => {
    const v = await visitorWithConversation();
    const res = await v.call("GET", "inbox_members");
    expect(res.status).toBe(200);
    const payload = (res.body as { payload: Record<string, unknown>[] }).payload;
    expect(payload.length).toBeGreaterThan(0);
    for (const m of payload) {
      expect(Object.keys(m).sort()).toEqual(["availability_status", "avatar_url", "id", "name"]);
      expect(["online", "busy", "offline"]).toContain(m.availability_status);
    }
    expect((await widgetApi("GET", `/api/v1/widget/inbox_members${v.q}`)).status).toBe(404);
  });
});
