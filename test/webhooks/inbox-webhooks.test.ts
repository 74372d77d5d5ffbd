import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as webhooksRoute from "@/app/api/v1/accounts/[accountId]/webhooks/route";
import * as webhookRoute from "@/app/api/v1/accounts/[accountId]/webhooks/[webhookId]/route";
import { inboxes, webhookDeliveries, webhooks } from "@/db/schema";
import { createContact } from "@/lib/contacts/save-contact";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { queueWebwidgetTriggered } from "@/lib/webhooks/webwidget-triggered";
import { runWebhookPass } from "@/lib/webhooks/worker";
import { backends, type TestDatabase } from "@/test/support/db";
import { buildContact, buildContactInbox, buildInbox } from "@/test/support/engine-fixtures";
import { buildApiWorld, call, closeApiDatabase, openApiDatabase, type ApiWorld } from "@/test/app-api/support";

// The receiver listens on 127.0.0.1 (WH4 refuses that unless allowed).
process.env.WEBHOOK_ALLOW_PRIVATE = "true";

type Hook = { id: number; url: string; inbox?: { id: number; name: string; channel_type: string } };

/** A local receiver recording which path (which webhook) got which event. */
function receiver() {
  const got: { path: string; json: Record<string, unknown> }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      got.push({ path: req.url ?? "", json: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(200).end("ok");
    });
  });
  return {
    got,
    start: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(backends)("inbox-scoped webhooks (WH7) on %s", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  const rx = receiver();
  let base = "";
  const p = (extra: Record<string, string> = {}) => ({ accountId: String(w.account.id), ...extra });
  const create = (body: Record<string, unknown>) => call(webhooksRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body: { webhook: body } });

  beforeAll(async () => {
    t = await openApiDatabase(backend);
    w = await buildApiWorld(t.db);
    base = await rx.start();
  });
  afterAll(async () => {
    await rx.stop();
    await closeApiDatabase(t);
  });

  it("takes inbox_id on create and edit and answers Chatwoot's inbox {id, name, channel_type}; null makes it account-wide again", async () => {
    const res = await create({ url: `${base}/shape`, subscriptions: ["message_created"], inbox_id: w.inbox.id });
    expect(res.status).toBe(200);
    const hook = (res.body as { payload: { webhook: Hook & { secret: string } } }).payload.webhook;
    expect(hook.inbox).toEqual({ id: w.inbox.id, name: w.inbox.name, channel_type: "Channel::WebWidget" });
    expect(hook.secret).toMatch(/^whsec_/);
    const list = (await call(webhooksRoute.GET, { params: p(), token: w.admin.accessToken })).body as { payload: { webhooks: Hook[] } };
    expect(list.payload.webhooks.find((h) => h.id === hook.id)?.inbox?.id).toBe(w.inbox.id);
    const moved = await call(webhookRoute.PATCH, { method: "PATCH", params: p({ webhookId: String(hook.id) }), token: w.admin.accessToken, body: { inbox_id: w.otherInbox.id } });
    expect((moved.body as { payload: { webhook: Hook } }).payload.webhook.inbox?.id).toBe(w.otherInbox.id);
    // Leaving inbox_id out of an edit keeps the scope; null clears it.
    const renamed = await call(webhookRoute.PATCH, { method: "PATCH", params: p({ webhookId: String(hook.id) }), token: w.admin.accessToken, body: { name: "Renamed" } });
    expect((renamed.body as { payload: { webhook: Hook } }).payload.webhook.inbox?.id).toBe(w.otherInbox.id);
    const cleared = await call(webhookRoute.PATCH, { method: "PATCH", params: p({ webhookId: String(hook.id) }), token: w.admin.accessToken, body: { inbox_id: null } });
    expect((cleared.body as { payload: { webhook: Hook } }).payload.webhook).not.toHaveProperty("inbox");
    await call(webhookRoute.DELETE, { method: "DELETE", params: p({ webhookId: String(hook.id) }), token: w.admin.accessToken });
  });

  it("an inbox_id that is not one of the account's inboxes is a 422 naming inbox_id and writes nothing", async () => {
    const before = await t.db.select().from(webhooks).where(eq(webhooks.accountId, w.account.id));
    for (const inbox_id of [w.strangerInbox.id, 99999999, "abc", -3]) {
      const res = await create({ url: `${base}/bad`, subscriptions: ["message_created"], inbox_id });
      expect([res.status, (res.body as { attributes: string[] }).attributes], String(inbox_id)).toEqual([422, ["inbox_id"]]);
    }
    expect(await t.db.select().from(webhooks).where(eq(webhooks.accountId, w.account.id))).toEqual(before);
  });

  it("a webhook with an inbox receives only that inbox's events; one without receives every inbox's and the contact events", async () => {
    const events = ["message_created", "conversation_created", "contact_created"];
    const all = (await create({ url: `${base}/all`, subscriptions: events })).body as { payload: { webhook: Hook } };
    const scoped = (await create({ url: `${base}/scoped`, subscriptions: events, inbox_id: w.inbox.id })).body as { payload: { webhook: Hook } };
    expect(all.payload.webhook.inbox).toBeUndefined();
    expect(scoped.payload.webhook.inbox?.id).toBe(w.inbox.id);

    const here = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    await createMessage(t.db, { conversationId: here.id, sender: { type: "contact", id: w.contact.id }, input: { content: "in the scoped inbox" } });
    const there = await createConversation(t.db, { accountId: w.account.id, inboxId: w.otherInbox.id, contactId: w.otherContact.id, contactInboxId: w.otherContactInbox.id });
    await createMessage(t.db, { conversationId: there.id, sender: { type: "contact", id: w.otherContact.id }, input: { content: "in another inbox" } });
    await createContact(t.db, { accountId: w.account.id, input: { name: "Account-level" } });

    const expectedAll = 5; // 2 conversations, 2 messages, 1 contact
    for (let i = 0; i < 20 && rx.got.filter((r) => r.path === "/all").length < expectedAll; i++) await runWebhookPass(t.db, { allowPrivate: true });
    await runWebhookPass(t.db, { allowPrivate: true });
    const at = (path: string) =>
      rx.got
        .filter((r) => r.path === path)
        .map((r) => `${String(r.json.event)}:${String(r.json.content ?? r.json.name ?? r.json.id)}`)
        .sort();
    expect(at("/all")).toHaveLength(expectedAll);
    expect(at("/all")).toContain("contact_created:Account-level");
    expect(at("/scoped")).toEqual([`conversation_created:${here.displayId}`, "message_created:in the scoped inbox"].sort());
  });

  it("webwidget_triggered, queued by the widget's route, follows the same scope", async () => {
    const hooks = await Promise.all(
      [undefined, w.inbox.id, w.otherInbox.id].map(async (inbox_id, i) => {
        const res = await create({ url: `${base}/widget-${i}`, subscriptions: ["webwidget_triggered"], ...(inbox_id && { inbox_id }) });
        return (res.body as { payload: { webhook: Hook } }).payload.webhook.id;
      }),
    );
    const [inbox] = await t.db.select().from(inboxes).where(eq(inboxes.id, w.inbox.id));
    const contact = await buildContact(t.db, { accountId: w.account.id, name: "Opens The Widget" });
    const contactInbox = await buildContactInbox(t.db, { accountId: w.account.id, contactId: contact.id, inboxId: w.inbox.id });
    expect(await queueWebwidgetTriggered(t.db, { inbox: inbox!, contact, contactInbox, conversation: null, eventInfo: {} })).toBe(2);
    const queued = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.event, "webwidget_triggered"));
    expect(queued.map((d) => d.targetId).sort()).toEqual([hooks[0], hooks[1]].sort());
  });

  it("deleting the inbox deletes its webhooks", async () => {
    const doomed = await buildInbox(t.db, { accountId: w.account.id, name: "Doomed" });
    const hook = ((await create({ url: `${base}/doomed`, subscriptions: ["message_created"], inbox_id: doomed.id })).body as { payload: { webhook: Hook } }).payload.webhook;
    await t.db.delete(inboxes).where(eq(inboxes.id, doomed.id));
    expect(await t.db.select().from(webhooks).where(eq(webhooks.id, hook.id))).toEqual([]);
  });
});
