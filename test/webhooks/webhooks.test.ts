import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as webhooksRoute from "@/app/api/v1/accounts/[accountId]/webhooks/route";
import * as webhookRoute from "@/app/api/v1/accounts/[accountId]/webhooks/[webhookId]/route";
import * as rotateRoute from "@/app/api/v1/accounts/[accountId]/webhooks/[webhookId]/rotate_secret/route";
import * as testRoute from "@/app/api/v1/accounts/[accountId]/webhooks/[webhookId]/test/route";
import * as deliveriesRoute from "@/app/api/v1/accounts/[accountId]/webhooks/[webhookId]/deliveries/route";
import * as retryRoute from "@/app/api/v1/accounts/[accountId]/webhooks/[webhookId]/deliveries/[deliveryId]/retry/route";
import { webhookDeliveries } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { relayEvents } from "@/lib/realtime/relay";
import { pruneEvents } from "@/lib/realtime/retention";
import { claimDeliveries, LEASE_MS, retryDelayMs } from "@/lib/webhooks/deliver";
import { sendSigned } from "@/lib/webhooks/send";
import { isPrivateAddress, savedUrlProblem } from "@/lib/webhooks/url-guard";
import { runWebhookPass } from "@/lib/webhooks/worker";
import { backends, type TestDatabase } from "@/test/support/db";
import { buildApiWorld, call, closeApiDatabase, openApiDatabase, type ApiWorld } from "@/test/app-api/support";

// The receivers here listen on 127.0.0.1 (WH4 refuses that unless allowed).
process.env.WEBHOOK_ALLOW_PRIVATE = "true";

type Received = { headers: IncomingHttpHeaders; body: string; json: Record<string, unknown> };

/** A local receiver: records every request; `answers` scripts the status codes (then 200). */
function receiver() {
  const got: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      got.push({ headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown> });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : `nope ${status}`);
    });
  });
  return {
    got,
    answers,
    start: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The receiver side of WH3, as docs/webhooks.md shows it. */
function verify(secret: string, r: Received): boolean {
  const expected = `sha256=${createHmac("sha256", secret).update(`${r.headers["x-parley-timestamp"]}.${r.body}`).digest("hex")}`;
  return r.headers["x-parley-signature"] === expected;
}

describe.each(backends)("webhooks on %s", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  const rx = receiver();
  let url = "";
  const p = (extra: Record<string, string> = {}) => ({ accountId: String(w.account.id), ...extra });
  /** Runs passes at `now` until `done` holds (each pass sends what is due; no sleeping). */
  const pump = async (offsetMs: number, done: () => boolean) => {
    for (let i = 0; i < 20 && !done(); i++) await runWebhookPass(t.db, { allowPrivate: true, now: () => new Date(Date.now() + offsetMs) });
    expect(done()).toBe(true);
  };
  const later = (ms: number) => new Date(Date.now() + ms);

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
    // Each test starts with no webhooks and nothing queued.
    for (const h of ((await call(webhooksRoute.GET, { params: p(), token: w.admin.accessToken })).body as { payload: { webhooks: { id: number }[] } }).payload.webhooks) {
      await call(webhookRoute.DELETE, { method: "DELETE", params: p({ webhookId: String(h.id) }), token: w.admin.accessToken });
    }
    await runWebhookPass(t.db, { allowPrivate: true });
    rx.got.length = 0;
    rx.answers.length = 0;
  });

  const createHook = async (subscriptions: string[]) => {
    const res = await call(webhooksRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body: { webhook: { url, name: "CRM", subscriptions } } });
    expect(res.status).toBe(200);
    return (res.body as { payload: { webhook: { id: number; secret: string; url: string; subscriptions: string[]; account_id: number; name: string } } }).payload.webhook;
  };
  const newConversation = () => createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });

  it("WH1: administrators create, list, edit and delete webhooks in Chatwoot's shapes; the secret is shown once; agents get 403", async () => {
    const hook = await createHook(["message_created", "conversation_created"]);
    expect(hook).toMatchObject({ url, name: "CRM", account_id: w.account.id, subscriptions: ["message_created", "conversation_created"] });
    expect(hook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const list = (await call(webhooksRoute.GET, { params: p(), token: w.admin.accessToken })).body as { payload: { webhooks: Record<string, unknown>[] } };
    expect(list.payload.webhooks).toEqual([{ id: hook.id, name: "CRM", url, account_id: w.account.id, subscriptions: ["message_created", "conversation_created"] }]);
    const edited = await call(webhookRoute.PATCH, {
      method: "PATCH",
      params: p({ webhookId: String(hook.id) }),
      token: w.admin.accessToken,
      body: { webhook: { subscriptions: ["contact_created"] } },
    });
    expect([edited.status, (edited.body as { payload: { webhook: { subscriptions: string[]; secret?: string } } }).payload.webhook]).toEqual([
      200,
      { id: hook.id, name: "CRM", url, account_id: w.account.id, subscriptions: ["contact_created"] },
    ]);
    const rotated = (await call(rotateRoute.POST, { method: "POST", params: p({ webhookId: String(hook.id) }), token: w.admin.accessToken })).body as { payload: { webhook: { secret: string } } };
    expect(rotated.payload.webhook.secret).not.toBe(hook.secret);
    expect((await call(webhooksRoute.GET, { params: p(), token: w.agent.accessToken })).status).toBe(403);
    expect((await call(webhooksRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body: { url, subscriptions: ["message_created"] } })).status).toBe(403);
    expect((await call(webhookRoute.DELETE, { method: "DELETE", params: p({ webhookId: String(hook.id) }), token: w.admin.accessToken })).status).toBe(200);
    expect((await call(webhookRoute.DELETE, { method: "DELETE", params: p({ webhookId: String(hook.id) }), token: w.admin.accessToken })).status).toBe(404);
  });

  it("WH1: a bad url or subscription list is a 422 naming the field and writes nothing", async () => {
    for (const [body, field] of [
      [{ url: "ftp://example.com/x", subscriptions: ["message_created"] }, "url"],
      [{ url: "not a url", subscriptions: ["message_created"] }, "url"],
      [{ url: "https://user:pw@example.com/x", subscriptions: ["message_created"] }, "url"],
      [{ url: "https://example.com/x", subscriptions: [] }, "subscriptions"],
      [{ url: "https://example.com/x", subscriptions: ["message_exploded"] }, "subscriptions"],
      [{ url: "https://example.com/x" }, "subscriptions"],
    ] as const) {
      const res = await call(webhooksRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body });
      expect([res.status, (res.body as { attributes: string[] }).attributes]).toEqual([422, [field]]);
    }
    await createHook(["message_created"]);
    const dup = await call(webhooksRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body: { url, subscriptions: ["message_created"] } });
    expect(dup.status).toBe(422);
    expect(((await call(webhooksRoute.GET, { params: p(), token: w.admin.accessToken })).body as { payload: { webhooks: unknown[] } }).payload.webhooks).toHaveLength(1);
  });

  it("WH2/WH3: a message reaches the receiver signed, in Chatwoot's webhook shape, with a stable delivery id", async () => {
    const hook = await createHook(["message_created", "conversation_created"]);
    const conversation = await newConversation();
    const { message } = await createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content: "Where is my order?" } });
    await pump(0, () => rx.got.length >= 2);
    const [created, msg] = rx.got;
    expect(created!.json).toMatchObject({ event: "conversation_created", id: conversation.displayId, inbox_id: w.inbox.id, account: { id: w.account.id }, status: conversation.status });
    expect(msg!.json).toMatchObject({
      event: "message_created",
      id: message.id,
      content: "Where is my order?",
      message_type: "incoming",
      private: false,
      account: { id: w.account.id, name: w.account.name },
      inbox: { id: w.inbox.id, name: w.inbox.name },
      conversation: { id: conversation.displayId, inbox_id: w.inbox.id },
      sender: { id: w.contact.id, name: w.contact.name, email: w.contact.email, account: { id: w.account.id } },
    });
    expect(msg!.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const r of rx.got) {
      expect(verify(hook.secret, r)).toBe(true);
      expect(r.headers["x-parley-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(Math.abs(Number(r.headers["x-parley-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    }
    expect(verify("whsec_wrong", msg!)).toBe(false);
  });

  it("WH2: after a 500 the same delivery is retried within 10 s and then delivered, never again after the 2xx", async () => {
    const hook = await createHook(["message_created"]);
    const conversation = await newConversation();
    rx.answers.push(500);
    await createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content: "retry me" } });
    await pump(0, () => rx.got.length >= 1);
    const [row] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.targetId, hook.id));
    expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500, responseExcerpt: "nope 500" });
    expect(row!.nextAttemptAt.getTime() - Date.now()).toBeLessThanOrEqual(10_000);
    await pump(10_000, () => rx.got.length >= 2);
    expect(rx.got[1]!.headers["x-parley-delivery"]).toBe(rx.got[0]!.headers["x-parley-delivery"]);
    expect(rx.got[1]!.body).toBe(rx.got[0]!.body);
    const [done] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row!.id));
    expect(done).toMatchObject({ status: "delivered", attempts: 2, responseStatus: 200, responseExcerpt: "ok" });
    expect(done!.latencyMs).toBeGreaterThanOrEqual(0);
    // Nothing more is sent, however many passes run; "retry now" refuses a delivered one.
    await runWebhookPass(t.db, { allowPrivate: true, now: () => later(24 * 3600_000) });
    expect(rx.got).toHaveLength(2);
    const retry = await call(retryRoute.POST, { method: "POST", params: p({ webhookId: String(hook.id), deliveryId: String(row!.id) }), token: w.admin.accessToken });
    expect(retry.status).toBe(409);
    const log = (await call(deliveriesRoute.GET, { params: p({ webhookId: String(hook.id) }), token: w.admin.accessToken })).body as { payload: { status: string; attempts: number }[] };
    expect(log.payload[0]).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("WH2: deliveries of one conversation arrive in order even when the first needs retries", async () => {
    await createHook(["message_created"]);
    const conversation = await newConversation();
    rx.answers.push(503, 503);
    for (const content of ["one", "two", "three"]) await createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content } });
    await pump(0, () => rx.got.length >= 1);
    await runWebhookPass(t.db, { allowPrivate: true });
    // "two" waits behind "one", which is waiting for its retry.
    expect(rx.got.map((r) => r.json.content)).toEqual(["one"]);
    await pump(60_000, () => rx.got.length >= 2);
    await pump(10 * 60_000, () => rx.got.length >= 5);
    expect(rx.got.map((r) => r.json.content)).toEqual(["one", "one", "one", "two", "three"]);
  });

  it("WH2: a worker that dies holding a claim loses nothing: the lease expires and another worker delivers", async () => {
    await createHook(["message_created"]);
    const conversation = await newConversation();
    await createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content: "survive a crash" } });
    await runWebhookPass(t.db, { allowPrivate: true, now: () => new Date(0) }); // fan out only: nothing is due at the epoch
    const claimed = await claimDeliveries(t.db); // the "crashed" worker: claims, never sends or records
    expect(claimed).toHaveLength(1);
    await runWebhookPass(t.db, { allowPrivate: true });
    expect(rx.got).toHaveLength(0); // the claim is still leased
    await pump(LEASE_MS + 1000, () => rx.got.length >= 1);
    expect(rx.got[0]!.json.content).toBe("survive a crash");
    expect(rx.got[0]!.headers["x-parley-delivery"]).toBe(claimed[0]!.uuid);
    const [row] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, claimed[0]!.id));
    expect(row).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("WH2: outbox retention never prunes an event the fan-out has not reached", async () => {
    await createHook(["message_created"]);
    const conversation = await newConversation();
    await createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content: "kept for the webhook" } });
    await relayEvents(t.db);
    await pruneEvents(t.db, { now: later(48 * 3600_000) });
    await pump(0, () => rx.got.length >= 1);
    expect(rx.got[0]!.json.content).toBe("kept for the webhook");
  });

  it("WH2: concurrent workers never send one delivery twice", async () => {
    await createHook(["message_created"]);
    for (let i = 0; i < 4; i++) {
      const c = await newConversation();
      await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: `c${i}` } });
    }
    await Promise.all([1, 2, 3].map(() => runWebhookPass(t.db, { allowPrivate: true })));
    await pump(0, () => rx.got.length >= 4);
    await runWebhookPass(t.db, { allowPrivate: true });
    expect(rx.got.map((r) => r.json.content).sort()).toEqual(["c0", "c1", "c2", "c3"]);
  });

  it("WH6: a private note goes to message subscribers flagged private: true; activity lines never", async () => {
    await createHook(["message_created"]);
    const conversation = await newConversation();
    await createMessage(t.db, { conversationId: conversation.id, sender: { type: "user", id: w.admin.id }, input: { content: "internal", private: true, message_type: "outgoing" } });
    await pump(0, () => rx.got.length >= 1);
    expect(rx.got[0]!.json).toMatchObject({ event: "message_created", content: "internal", private: true, message_type: "outgoing", sender: { id: w.admin.id, type: "user" } });
    expect(rx.got.every((r) => r.json.message_type !== "activity")).toBe(true);
  });

  it("WH5: send test event queues a signed test delivery; a failed one can be retried now", async () => {
    const hook = await createHook(["contact_created"]);
    rx.answers.push(410);
    const queued = await call(testRoute.POST, { method: "POST", params: p({ webhookId: String(hook.id) }), token: w.admin.accessToken });
    expect(queued.status).toBe(200);
    await pump(0, () => rx.got.length >= 1);
    expect(rx.got[0]!.json).toMatchObject({ event: "test", webhook: { id: hook.id } });
    expect(verify(hook.secret, rx.got[0]!)).toBe(true);
    const id = (queued.body as { payload: { id: number } }).payload.id;
    const [failed] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(failed).toMatchObject({ status: "failed", responseStatus: 410 }); // a 4xx other than 429 is an answer, not retried
    expect((await call(retryRoute.POST, { method: "POST", params: p({ webhookId: String(hook.id), deliveryId: String(id) }), token: w.admin.accessToken })).status).toBe(200);
    await pump(0, () => rx.got.length >= 2);
    expect(rx.got[1]!.headers["x-parley-delivery"]).toBe(rx.got[0]!.headers["x-parley-delivery"]);
  });
});

describe("WH4 SSRF guard", () => {
  it("classifies loopback, private, link-local and mapped addresses as private, public ones not", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "100.64.0.1"])
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"]) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it("refuses literal private hosts when saving unless allowed", () => {
    expect(savedUrlProblem("http://127.0.0.1:8080/x", false)).toMatch(/private/);
    expect(savedUrlProblem("http://[::1]/x", false)).toMatch(/private/);
    expect(savedUrlProblem("http://localhost/x", false)).toMatch(/private/);
    expect(savedUrlProblem("http://127.0.0.1:8080/x", true)).toBeNull();
    expect(savedUrlProblem("https://example.com/x", false)).toBeNull();
  });

  it("refuses to connect to a name that resolves to loopback, and to a literal private address", async () => {
    const viaName = await sendSigned({ url: "http://localhost:9/x", body: "{}", secret: "s", deliveryId: "d", event: "test", allowPrivate: false });
    expect(viaName).toMatchObject({ kind: "error", permanent: true });
    const literal = await sendSigned({ url: "http://169.254.169.254/latest/meta-data", body: "{}", secret: "s", deliveryId: "d", event: "test", allowPrivate: false });
    expect(literal).toMatchObject({ kind: "error", permanent: true });
  });

  it("backs off exponentially with jitter: first retry within 10 s, growing, capped", () => {
    expect(retryDelayMs(1, () => 1)).toBeLessThanOrEqual(10_000);
    expect(retryDelayMs(1, () => 0)).toBeGreaterThan(0);
    expect(retryDelayMs(5, () => 1)).toBeGreaterThan(retryDelayMs(4, () => 1));
    expect(retryDelayMs(40, () => 1)).toBeLessThanOrEqual(3 * 3600_000);
  });
});
