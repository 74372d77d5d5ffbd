import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as inboxesRoute from "@/app/api/v1/accounts/[accountId]/inboxes/route";
import * as inboxRoute from "@/app/api/v1/accounts/[accountId]/inboxes/[inboxId]/route";
import * as rotateRoute from "@/app/api/v1/accounts/[accountId]/inboxes/[inboxId]/rotate_secret/route";
import * as messagesRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import * as toggleRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_status/route";
import { runWebhookPass } from "@/lib/webhooks/worker";
import { clientApi } from "@/test/support/client-api";
import { backends, type TestDatabase } from "@/test/support/db";
import { verifySignature, webhookReceiver } from "@/test/support/webhook-receiver";
import { widgetApi } from "@/test/support/widget-api";
import { buildApiWorld, call, closeApiDatabase, openApiDatabase, type ApiWorld } from "@/test/app-api/support";

// The receiver listens on 127.0.0.1 (WH4 refuses that unless allowed).
process.env.WEBHOOK_ALLOW_PRIVATE = "true";

type ApiInbox = {
  id: number;
  name: string;
  channel_type: string;
  webhook_url: string | null;
  inbox_identifier: string;
  hmac_token?: string;
  hmac_mandatory: boolean;
  website_token: null;
  secret?: string;
};

describe.each(backends)("API-channel inboxes on %s", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  const rx = webhookReceiver();
  let url = "";
  const p = (extra: Record<string, string> = {}) => ({ accountId: String(w.account.id), ...extra });
  const pump = async (done: () => boolean) => {
    for (let i = 0; i < 10 && !done(); i++) await runWebhookPass(t.db, { allowPrivate: true });
    expect(done()).toBe(true);
  };
  const createApiInbox = async (channel: Record<string, unknown> = { type: "api", webhook_url: url }) => {
    const res = await call(inboxesRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body: { name: "Mobile app", channel } });
    expect(res.status).toBe(200);
    return res.body as ApiInbox & { secret: string };
  };

  beforeAll(async () => {
    t = await openApiDatabase(backend);
    w = await buildApiWorld(t.db);
    url = await rx.start();
  });
  afterAll(async () => {
    await rx.stop();
    await closeApiDatabase(t);
  });
  beforeEach(async () => {
    await runWebhookPass(t.db, { allowPrivate: true });
    rx.reset();
  });

  it("AP1: administrators create an API inbox in Chatwoot's shapes; its secret is shown once; bad input is a 422 naming the field", async () => {
    const created = await createApiInbox({ type: "api", webhook_url: url, hmac_mandatory: true });
    expect(created).toMatchObject({ name: "Mobile app", channel_type: "Channel::Api", webhook_url: url, hmac_mandatory: true, website_token: null, web_widget_script: null });
    expect(created.inbox_identifier).toEqual(expect.any(String));
    expect(created.hmac_token).toEqual(expect.any(String));
    expect(created.secret).toMatch(/^whsec_/);
    const listed = ((await call(inboxesRoute.GET, { params: p(), token: w.admin.accessToken })).body as { payload: ApiInbox[] }).payload.find((i) => i.id === created.id)!;
    expect(listed).toMatchObject({ channel_type: "Channel::Api", webhook_url: url, inbox_identifier: created.inbox_identifier });
    expect(listed).not.toHaveProperty("secret");
    const edited = await call(inboxRoute.PATCH, { method: "PATCH", params: p({ inboxId: String(created.id) }), token: w.admin.accessToken, body: { channel: { webhook_url: "" } } });
    expect([edited.status, (edited.body as ApiInbox).webhook_url]).toEqual([200, null]);

    for (const [channel, field] of [
      [{ type: "api", webhook_url: "ftp://example.com/x" }, "channel.webhook_url"],
      [{ type: "api", webhook_url: "https://user:pw@example.com/x" }, "channel.webhook_url"],
      [{ type: "carrier_pigeon" }, "channel.type"],
    ] as const) {
      const res = await call(inboxesRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body: { name: "Bad", channel } });
      expect([res.status, (res.body as { attributes: string[] }).attributes]).toEqual([422, [field]]);
    }
    expect((await call(inboxesRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body: { name: "Mine", channel: { type: "api" } } })).status).toBe(403);
    expect((await call(rotateRoute.POST, { method: "POST", params: p({ inboxId: String(created.id) }), token: w.agent.accessToken })).status).toBe(403);
    // A website inbox has no API channel secret to rotate.
    expect((await call(rotateRoute.POST, { method: "POST", params: p({ inboxId: String(w.inbox.id) }), token: w.admin.accessToken })).status).toBe(404);
  });

  it("AP1/AP2: the Client API serves the inbox's identifier; an agent's reply and status changes are POSTed signed with the inbox's secret", async () => {
    const inbox = await createApiInbox();
    // The identifier is not a widget: the Widget API does not know it.
    expect((await widgetApi("POST", `/api/v1/widget/config?website_token=${inbox.inbox_identifier}`)).status).toBe(404);

    const base = `/public/api/v1/inboxes/${inbox.inbox_identifier}`;
    expect(((await clientApi("GET", base)).body as { identifier: string }).identifier).toBe(inbox.inbox_identifier);
    const contact = (await clientApi("POST", `${base}/contacts`, { body: { name: "Nia Native" } })).body as { source_id: string };
    const opened = await clientApi("POST", `${base}/contacts/${contact.source_id}/conversations`, { body: {} });
    expect(opened.status).toBe(200);
    const displayId = (opened.body as { id: number }).id;
    const asked = await clientApi("POST", `${base}/contacts/${contact.source_id}/conversations/${displayId}/messages`, { body: { content: "Is my order shipped?" } });
    expect(asked.status).toBe(200);

    const params = p({ conversationId: String(displayId) });
    const reply = await call(messagesRoute.POST, { method: "POST", params, token: w.admin.accessToken, body: { content: "Yes, it left today" } });
    expect(reply.status).toBe(200);
    const note = await call(messagesRoute.POST, { method: "POST", params, token: w.admin.accessToken, body: { content: "internal only", private: true } });
    expect(note.status).toBe(200);
    expect((await call(toggleRoute.POST, { method: "POST", params, token: w.admin.accessToken, body: { status: "resolved" } })).status).toBe(200);
    await pump(() => rx.events("conversation_status_changed").length >= 1);

    const messagesSent = rx.events("message_created").map((r) => r.json);
    expect(messagesSent.map((m) => [m.content, m.message_type])).toEqual([
      ["Is my order shipped?", "incoming"],
      ["Yes, it left today", "outgoing"],
    ]);
    expect(messagesSent[1]).toMatchObject({ inbox: { id: inbox.id, name: "Mobile app" }, conversation: { id: displayId }, sender: { type: "user", name: w.admin.name } });
    expect(rx.events("conversation_created")[0]!.json).toMatchObject({ id: displayId, inbox: { id: inbox.id } });
    expect(rx.events("conversation_status_changed")[0]!.json).toMatchObject({ id: displayId, status: "resolved" });
    expect(rx.got.every((r) => verifySignature(inbox.secret, r))).toBe(true);

    // Rotating the secret signs what comes next with the new one.
    const rotated = (await call(rotateRoute.POST, { method: "POST", params: p({ inboxId: String(inbox.id) }), token: w.admin.accessToken })).body as ApiInbox & { secret: string };
    expect(rotated.secret).not.toBe(inbox.secret);
    rx.reset();
    await call(messagesRoute.POST, { method: "POST", params, token: w.admin.accessToken, body: { content: "Anything else?" } });
    await pump(() => rx.events("message_created").length === 1);
    expect([verifySignature(rotated.secret, rx.got[0]!), verifySignature(inbox.secret, rx.got[0]!)]).toEqual([true, false]);
  });
});
