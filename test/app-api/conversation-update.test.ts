import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accountRoute from "@/app/api/v1/accounts/[accountId]/route";
import * as conversationRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/route";
import * as customAttributesRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/custom_attributes/route";
import { createConversation } from "@/lib/conversations/create-conversation";
import { backends, type TestDatabase } from "@/test/support/db";
import { buildApiWorld, call, closeApiDatabase, openApiDatabase, type ApiWorld } from "./support";

describe.each(backends)("Application API: account, conversation update and custom attributes on %s", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  let displayId = "";
  beforeAll(async () => {
    t = await openApiDatabase(backend);
    w = await buildApiWorld(t.db);
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    displayId = String(c.displayId);
  });
  afterAll(async () => closeApiDatabase(t));
  const p = () => ({ accountId: String(w.account.id), conversationId: displayId });

  it("GET /accounts/:id answers the account in Chatwoot's shape to any member", async () => {
    const res = await call(accountRoute.GET, { params: { accountId: String(w.account.id) }, token: w.agent.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.account.id, name: w.account.name, locale: "en", status: "active", features: [], settings: {}, custom_attributes: {} });
    expect((res.body as { created_at: string }).created_at).toMatch(/^\d{4}-/);
    expect((await call(accountRoute.GET, { params: { accountId: String(w.account.id) }, token: w.strangerAdmin.accessToken })).status).toBe(404);
  });

  it("PATCH /conversations/:id sets and clears the priority and answers the conversation; other keys change nothing", async () => {
    const set = await call(conversationRoute.PATCH, { method: "PATCH", params: p(), token: w.agent.accessToken, body: { priority: "high" } });
    expect([set.status, (set.body as { priority: string | null; id: number }).priority, (set.body as { id: number }).id]).toEqual([200, "high", Number(displayId)]);
    const untouched = await call(conversationRoute.PATCH, { method: "PATCH", params: p(), token: w.agent.accessToken, body: { sla_policy_id: 1 } });
    expect((untouched.body as { priority: string | null }).priority).toBe("high");
    const cleared = await call(conversationRoute.PATCH, { method: "PATCH", params: p(), token: w.agent.accessToken, body: { priority: "none" } });
    expect((cleared.body as { priority: string | null }).priority).toBeNull();
    const bad = await call(conversationRoute.PATCH, { method: "PATCH", params: p(), token: w.agent.accessToken, body: { priority: "extreme" } });
    expect([bad.status, (bad.body as { attributes: string[] }).attributes]).toEqual([422, ["priority"]]);
  });

  it("POST /conversations/:id/custom_attributes replaces them and answers {custom_attributes}; a non-object is a 422", async () => {
    const first = await call(customAttributesRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body: { custom_attributes: { order_id: "12345", vip: true } } });
    expect([first.status, first.body]).toEqual([200, { custom_attributes: { order_id: "12345", vip: true } }]);
    const second = await call(customAttributesRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body: { custom_attributes: { plan: "pro" } } });
    expect(second.body).toEqual({ custom_attributes: { plan: "pro" } });
    const shown = await call(conversationRoute.GET, { params: p(), token: w.agent.accessToken });
    expect((shown.body as { custom_attributes: unknown }).custom_attributes).toEqual({ plan: "pro" });
    for (const body of [{}, { custom_attributes: "x" }, { custom_attributes: [1] }]) {
      const res = await call(customAttributesRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body });
      expect([res.status, (res.body as { attributes: string[] }).attributes]).toEqual([422, ["custom_attributes"]]);
    }
    expect((await call(customAttributesRoute.POST, { method: "POST", params: p(), token: w.outsider.accessToken, body: { custom_attributes: {} } })).status).toBe(404);
  });
});
