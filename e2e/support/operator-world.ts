import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import { Client } from "pg";
import { demoAgents } from "@/scripts/seed/demo-data";

/**
 * What the operator journeys set up through the public APIs, as a deployment would see it: an inbox
 * of their own (so other specs' conversations never change what they count), the seeded agents as
 * members, visitors speaking through the Client API, and the seeded administrator's API token for
 * Application API changes. Only the token and ids are read from the database.
 */
export type OperatorWorld = { accountId: number; token: string; adminId: number; samId: number; jordanId: number };

export async function loadOperatorWorld(): Promise<OperatorWorld> {
  const db = new Client({ connectionString: process.env.PARLEY_E2E_DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: number; email: string; access_token: string; account_id: number }>(
      "select u.id, lower(u.email) as email, u.access_token, au.account_id from users u join account_users au on au.user_id = u.id where lower(u.email) = any($1)",
      [[(process.env.SEED_ADMIN_EMAIL ?? "admin@example.com").toLowerCase(), ...demoAgents.map((a) => a.email)]],
    );
    const by = (email: string) => rows.find((r) => r.email === email.toLowerCase())!;
    const admin = by(process.env.SEED_ADMIN_EMAIL ?? "admin@example.com");
    return { accountId: admin.account_id, token: admin.access_token, adminId: admin.id, samId: by(demoAgents[0].email).id, jordanId: by(demoAgents[1].email).id };
  } finally {
    await db.end();
  }
}

export const unique = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;

/** The Application API as the seeded administrator (api_access_token: no cookie, no Origin check). */
export async function appApi<T = Record<string, unknown>>(request: APIRequestContext, w: OperatorWorld, method: "GET" | "POST", path: string, data?: unknown): Promise<T> {
  const res = await request.fetch(`/api/v1/accounts/${w.accountId}${path}`, { method, headers: { api_access_token: w.token }, data });
  const text = await res.text();
  expect(res.status(), `${method} ${path}: ${text}`).toBe(200);
  return (text ? JSON.parse(text) : {}) as T;
}

export type TestInbox = { id: number; name: string; websiteToken: string };

/** A website inbox with the seeded administrator and agents as members, no auto-assignment (assignment is the test's) and no automatic messages. */
export async function createInbox(request: APIRequestContext, w: OperatorWorld, name = unique("E2E inbox")): Promise<TestInbox> {
  const inbox = await appApi<{ id: number; website_token: string }>(request, w, "POST", "/inboxes", {
    name,
    enable_auto_assignment: false,
    // No automatic replies: the cards' previews are what the visitors say.
    enable_email_collect: false,
    greeting_enabled: false,
    channel: { type: "web_widget", website_url: "https://shop.example" },
  });
  await appApi(request, w, "POST", "/inbox_members", { inbox_id: inbox.id, user_ids: [w.adminId, w.samId, w.jordanId] });
  return { id: inbox.id, name, websiteToken: inbox.website_token };
}

/** A visitor talking through the Client API (what a Chatwoot client or the widget does). */
export class Visitor {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly base: string,
    readonly name: string,
  ) {}

  static async arrive(request: APIRequestContext, inbox: TestInbox, name = unique("Visitor")): Promise<Visitor> {
    const res = await request.post(`/public/api/v1/inboxes/${inbox.websiteToken}/contacts`, { data: { name } });
    expect(res.status()).toBe(200);
    const { source_id } = (await res.json()) as { source_id: string };
    return new Visitor(request, `/public/api/v1/inboxes/${inbox.websiteToken}/contacts/${source_id}`, name);
  }

  /** Opens a conversation and says something in it; returns its display id. */
  async startConversation(content: string): Promise<number> {
    const res = await this.request.post(`${this.base}/conversations`, { data: {} });
    expect(res.status()).toBe(200);
    const { id } = (await res.json()) as { id: number };
    await this.say(id, content);
    return id;
  }

  async say(conversationId: number, content: string): Promise<void> {
    const res = await this.request.post(`${this.base}/conversations/${conversationId}/messages`, { data: { content } });
    expect(res.status()).toBe(200);
  }
}

/** Closes every event stream of the server (POST /api/internal/streams/drain); clients must resume. */
export async function drainStreams(request: APIRequestContext): Promise<number> {
  const res = await request.post("/api/internal/streams/drain", { headers: { Authorization: `Bearer ${process.env.CRON_SECRET}` } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { closed: number }).closed;
}
