import { beforeAll, describe, expect, it } from "vitest";
import * as accountRoute from "@/app/api/v1/accounts/[accountId]/route";
import * as conversationRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/route";
import * as customAttributesRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/custom_attributes/route";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createDefinition, definitionCreateSchema } from "@/lib/custom-attributes/definitions";
import { createMessage } from "@/lib/messages/create-message";
import { submitMessageValues, submitValuesBodySchema } from "@/lib/messages/submit-message-values";
import { loadMessagePush } from "@/lib/presenters/message-push";
import { backends } from "@/test/support/db";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

describe.each(backends)("Application API: account, conversation update and custom attributes on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  let displayId = "";
  beforeAll(async () => {
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    displayId = String(c.displayId);
  });
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

  it("K7: POST /conversations/:id/custom_attributes checks defined conversation attributes by type: a 422 naming the key writes nothing", async () => {
    for (const [key, type, values] of [
      ["due", "date", []],
      ["seats", "number", []],
      ["tier", "list", ["gold", "silver"]],
      ["urgent", "checkbox", []],
      ["ticket", "link", []],
    ] as const) {
      await createDefinition(t.db, {
        accountId: w.account.id,
        input: definitionCreateSchema.parse({ attribute_display_name: key, attribute_key: key, attribute_display_type: type, attribute_model: "conversation_attribute", attribute_values: values }),
      });
    }
    const good = { due: "2026-12-31", seats: 3, tier: "gold", urgent: true, ticket: "https://tracker.example/1", free: "anything" };
    const ok = await call(customAttributesRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body: { custom_attributes: good } });
    expect([ok.status, ok.body]).toEqual([200, { custom_attributes: good }]);
    for (const [key, value] of [
      ["due", "next week"],
      ["seats", "many"],
      ["tier", "bronze"],
      ["urgent", "yes"],
      ["ticket", "javascript:alert(1)"],
    ] as const) {
      const res = await call(customAttributesRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body: { custom_attributes: { ...good, [key]: value } } });
      expect([res.status, (res.body as { attributes: string[] }).attributes], key).toEqual([422, [`custom_attributes.${key}`]]);
    }
    // Removing a key (the panel's delete) is a POST without it.
    const { tier: _tier, ...rest } = good;
    void _tier;
    const removed = await call(customAttributesRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body: { custom_attributes: rest } });
    expect(removed.body).toEqual({ custom_attributes: rest });
    const shown = await call(conversationRoute.GET, { params: p(), token: w.agent.accessToken });
    expect((shown.body as { custom_attributes: unknown }).custom_attributes).toEqual(rest);
  });

  it("fills processed_message_content with the content, as Chatwoot does", async () => {
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    const { message } = await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: "Order #42 is late" } });
    expect((await loadMessagePush(t.db, message)).processed_message_content).toBe("Order #42 is late");
  });

  it("takes Chatwoot's submitted_values for a choice without a name, and for a form with names", async () => {
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    const { message: select } = await createMessage(t.db, {
      conversationId: c.id,
      sender: { type: "user", id: w.agent.id },
      input: { content: "Pick one", message_type: "outgoing", content_type: "input_select", content_attributes: { items: [{ title: "Yes", value: "yes" }] } },
    });
    const chosen = await submitMessageValues(t.db, { conversation: c, messageId: select.id, body: submitValuesBodySchema.parse({ submitted_values: [{ title: "Yes", value: "yes" }] }) });
    expect(chosen.contentAttributes.submitted_values).toEqual([{ title: "Yes", value: "yes" }]);
    const { message: form } = await createMessage(t.db, {
      conversationId: c.id,
      sender: { type: "user", id: w.agent.id },
      input: { content: "Details", message_type: "outgoing", content_type: "form", content_attributes: { items: [{ name: "order", label: "Order", type: "text" }] } },
    });
    const answered = await submitMessageValues(t.db, {
      conversation: c,
      messageId: form.id,
      body: submitValuesBodySchema.parse({ submitted_values: [{ name: "order", title: "Order", value: "42" }] }),
    });
    expect(answered.contentAttributes.submitted_values).toEqual([{ name: "order", title: "Order", value: "42" }]);
  });
});
