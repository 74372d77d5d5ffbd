import { sql, TransactionRollbackError } from "drizzle-orm";
import { peerHeaders } from "@/lib/http/client-ip";
import { NextRequest } from "next/server";
import { installDatabase, type Db } from "@/db/client";
import { agentBots, attachments, automationRules, contactNotes, contacts, customAttributeDefinitions, customFilters, macros, notifications, teams, webhookDeliveries, webhooks } from "@/db/schema";
import { createCannedResponse } from "@/lib/canned-responses/canned-responses";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { signWidgetToken } from "@/lib/widget/widget-token";
import { buildApiWorld } from "@/test/app-api/support";
import { closeTestDatabase, createTestDatabase } from "@/test/support/db";
import { buildContactInbox, buildLabel } from "@/test/support/engine-fixtures";
import { sessionCookie, TEST_ORIGIN } from "@/test/support/http";
import { urlFor, type Route } from "./routes";
import { rows } from "./support/rows";

/**
 * The world R4 and R5 call every route in: one account with an administrator, an agent of the inbox,
 * an agent of another inbox, contacts with conversations and messages, a label and a canned response;
 * a second account with its own administrator; and a second contact in the same inbox (with widget
 * token and source_id) to impersonate. Each call runs in a transaction that is rolled back, so a
 * request the route accepts cannot change the world the next one sees, and "nothing written" is a
 * checksum of every table before and after, inside that transaction.
 */
export const CRON_SECRET = "reliability-cron-secret-0123456789";
process.env.CRON_SECRET ??= CRON_SECRET;
// Set, so /api/metrics exists: the rightful caller carries it, every other caller gets 401.
process.env.METRICS_TOKEN ??= "reliability-metrics-token-0123456789";

/** Text only the conversation of the inbox holds: a caller who may not see it must never get it back (R5). */
export const MARKER = `marker-${Math.random().toString(36).slice(2, 10)}`;

const quiet = { warn: () => undefined, error: () => undefined };

export async function openWorld() {
  const t = await createTestDatabase("postgres");
  installDatabase(t);
  const store = createMemoryStore();
  installCoordinationStore(store);
  // A real hub so the SSE routes can subscribe; wake-ups are dropped (each call is rolled back anyway).
  const real = createHub({ db: t.db, store, pollMs: 600_000, log: quiet });
  const hub: Hub = { ...real, kick: async () => undefined, subscribe: (o) => real.subscribe(o), close: () => real.close() };
  installRealtimeHub(hub);

  const w = await buildApiWorld(t.db);
  const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
  const { message } = await createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content: `hello ${MARKER}` } });
  const foreign = await createConversation(t.db, { accountId: w.account.id, inboxId: w.otherInbox.id, contactId: w.otherContact.id, contactInboxId: w.otherContactInbox.id });
  const strangers = await createConversation(t.db, { accountId: w.stranger.id, inboxId: w.strangerInbox.id, contactId: w.strangerContact.id, contactInboxId: w.strangerContactInbox.id });
  const label = await buildLabel(t.db, { accountId: w.account.id, title: "vip" });
  const canned = await createCannedResponse(t.db, { accountId: w.account.id, input: { short_code: "hi", content: "Hello there" } });
  const [intruder] = await t.db.insert(contacts).values({ accountId: w.account.id, name: "Ivy Intruder" }).returning();
  const intruderInbox = await buildContactInbox(t.db, { accountId: w.account.id, contactId: intruder!.id, inboxId: w.inbox.id });
  const intruderConversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: intruder!.id, contactInboxId: intruderInbox.id });
  const [{ websiteToken } = { websiteToken: "" }] = await rows<{ websiteToken: string }>(t.db, sql`select website_token as "websiteToken" from web_widgets where inbox_id = ${w.inbox.id}`);
  const [attachment] = await t.db
    .insert(attachments)
    .values({ accountId: w.account.id, messageId: message.id, fileName: "notes.txt", fileSize: 5, contentType: "text/plain", storageKey: "reliability/notes.txt" })
    .returning();
  const [note] = await t.db.insert(contactNotes).values({ accountId: w.account.id, contactId: w.contact.id, userId: w.admin.id, content: "Prefers e-mail" }).returning();
  const [definition] = await t.db
    .insert(customAttributeDefinitions)
    .values({ accountId: w.account.id, attributeDisplayName: "Plan", attributeKey: "plan", attributeModel: "contact_attribute" })
    .returning();
  const [team] = await t.db.insert(teams).values({ accountId: w.account.id, name: "Billing" }).returning();
  const [customFilter] = await t.db
    .insert(customFilters)
    .values({ accountId: w.account.id, userId: w.admin.id, name: "Open VIP", query: { payload: [{ attribute_key: "status", filter_operator: "equal_to", values: ["open"] }] } })
    .returning();
  const [webhook] = await t.db
    .insert(webhooks)
    .values({ accountId: w.account.id, url: "https://hooks.example.com/parley", subscriptions: ["message_created"], secret: "whsec_reliability" })
    .returning();
  const [delivery] = await t.db
    .insert(webhookDeliveries)
    .values({ accountId: w.account.id, targetType: "webhook", targetId: webhook!.id, uuid: "00000000-0000-4000-8000-000000000001", event: "test", body: "{}", status: "failed" })
    .returning();
  // Workflow (NT1, MA1, MA3): a notification and a personal macro of the administrator, an account-wide macro, and a rule.
  const [notification] = await t.db
    .insert(notifications)
    .values({ accountId: w.account.id, userId: w.admin.id, notificationType: "conversation_mention", conversationId: conversation.id, sourceEventId: 0 })
    .returning();
  const [macro] = await t.db
    .insert(macros)
    .values({ accountId: w.account.id, name: "Close", visibility: "personal", createdById: w.admin.id, actions: [{ action_name: "resolve_conversation", action_params: [] }] })
    .returning();
  const [globalMacro] = await t.db
    .insert(macros)
    .values({ accountId: w.account.id, name: "Close for everyone", visibility: "global", createdById: w.admin.id, actions: [{ action_name: "resolve_conversation", action_params: [] }] })
    .returning();
  const [rule] = await t.db
    .insert(automationRules)
    .values({ accountId: w.account.id, name: "Label", eventName: "message_created", conditions: [], actions: [{ action_name: "add_label", action_params: ["vip"] }] })
    .returning();
  const [agentBot] = await t.db
    .insert(agentBots)
    .values({ accountId: w.account.id, name: "Triage", outgoingUrl: "https://bots.example.com/parley", accessTokenDigest: "reliability", secret: "whsec_bot" })
    .returning();
  const widgetToken = await signWidgetToken({ source_id: w.contactInbox.sourceId, inbox_id: w.inbox.id });
  const intruderWidgetToken = await signWidgetToken({ source_id: intruderInbox.sourceId, inbox_id: w.inbox.id });

  /** A valid value for every route param the app has; a route with a param not here fails loudly. */
  const params: Record<string, string | string[]> = {
    accountId: String(w.account.id),
    conversationId: String(conversation.displayId),
    messageId: String(message.id),
    contactId: String(w.contact.id),
    inboxId: String(w.inbox.id),
    agentId: String(w.agent.id),
    labelId: String(label.id),
    // The Widget API names a label by its title (DELETE /api/v1/widget/labels/{label}).
    label: label.title,
    cannedResponseId: String(canned.id),
    attachmentId: String(attachment!.id),
    noteId: String(note!.id),
    definitionId: String(definition!.id),
    teamId: String(team!.id),
    customFilterId: String(customFilter!.id),
    webhookId: String(webhook!.id),
    agentBotId: String(agentBot!.id),
    deliveryId: String(delivery!.id),
    notificationId: String(notification!.id),
    macroId: String(macro!.id),
    ruleId: String(rule!.id),
    inboxIdentifier: websiteToken,
    contactIdentifier: w.contactInbox.sourceId,
    conversationUuid: conversation.uuid,
    nextauth: ["session"],
  };

  return {
    t,
    w,
    hub: real,
    conversation,
    message,
    foreign,
    strangers,
    intruderInbox,
    intruderConversation,
    websiteToken,
    widgetToken,
    intruderWidgetToken,
    params,
    /** The account-wide macro (the params' macroId is the administrator's personal one). */
    globalMacroId: globalMacro!.id,
    /** The world's checksums (whole schema, and per guarded account), memoised by callIsolated. */
    checksums: {} as Record<string, Promise<string>>,
    async close() {
      installRealtimeHub(undefined);
      await real.close();
      await closeTestDatabase(t);
    },
  };
}
export type World = Awaited<ReturnType<typeof openWorld>>;

/** Who is calling: the credentials a request carries. */
export type Caller =
  { kind: "nobody" } | { kind: "token"; token: string } | { kind: "session"; userId: number; origin?: string } | { kind: "widget"; token: string } | { kind: "cron" } | { kind: "metrics" };

export type Call = {
  route: Route;
  params?: Record<string, string | string[]>;
  caller: Caller;
  query?: string;
  /** A string is sent as is; anything else JSON-encoded. */
  body?: unknown;
  contentType?: string | null;
  websiteToken?: string;
  /** Also report whether any row of this account changed (a caller from another account must never change one). */
  guardAccountId?: number;
};

export async function buildRequest(world: World, c: Call): Promise<Request> {
  const params = c.params ?? world.params;
  const url = new URL(urlFor(c.route.pattern, params), TEST_ORIGIN);
  if (c.query) for (const [k, v] of new URLSearchParams(c.query)) url.searchParams.append(k, v);
  // The widget's routes and page find their inbox by website_token (query or JSON body).
  if (c.websiteToken !== undefined && !url.searchParams.has("website_token")) url.searchParams.set("website_token", c.websiteToken);
  const headers = new Headers(peerHeaders("203.0.113.9"));
  if (c.caller.kind === "token") headers.set("api_access_token", c.caller.token);
  if (c.caller.kind === "session") {
    headers.set("cookie", await sessionCookie(c.caller.userId));
    headers.set("origin", c.caller.origin ?? TEST_ORIGIN);
  }
  if (c.caller.kind === "widget") headers.set("x-auth-token", c.caller.token);
  if (c.caller.kind === "cron") headers.set("authorization", `Bearer ${process.env.CRON_SECRET}`);
  if (c.caller.kind === "metrics") headers.set("authorization", `Bearer ${process.env.METRICS_TOKEN}`);
  const hasBody = c.body !== undefined && c.route.method !== "GET" && c.route.method !== "HEAD";
  const body = !hasBody ? undefined : typeof c.body === "string" ? c.body : JSON.stringify(c.body);
  if (hasBody && c.contentType !== null) headers.set("content-type", c.contentType ?? "application/json");
  // Next hands route handlers a NextRequest (next-auth reads its nextUrl).
  return new NextRequest(url, { method: c.route.method, headers, body });
}

export type Outcome = { status: number; text: string; contentType: string; wrote: boolean; touchedGuarded: boolean };

/** A checksum of every table in the schema (new tables included automatically). */
async function checksum(db: Db): Promise<string> {
  const tables = (await rows<{ t: string }>(db, sql`select quote_ident(table_name) as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).map(
    (r) => r.t,
  );
  const parts = tables.map((t) => `(select coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from ${t} x)`);
  const [row] = await rows<{ sum: string }>(db, sql.raw(`select md5(${parts.join(" || ")}) as sum`));
  return row!.sum;
}

/** A checksum of one account's rows: every table with an account_id column. */
async function accountChecksum(db: Db, accountId: number): Promise<string> {
  const tables = (await rows<{ t: string }>(db, sql`select quote_ident(table_name) as t from information_schema.columns where table_schema = 'public' and column_name = 'account_id' order by 1`)).map(
    (r) => r.t,
  );
  const parts = tables.map((t) => `(select coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from ${t} x where x.account_id = ${Number(accountId)})`);
  const [row] = await rows<{ sum: string }>(db, sql.raw(`select md5(${parts.join(" || ")}) as sum`));
  return row!.sum;
}

/**
 * Calls the route in a transaction rolled back afterwards and reports what it answered and whether it
 * wrote. A streaming body (SSE) is read only until its first chunk, then cancelled, as a client that
 * goes away would.
 */
export async function callIsolated(world: World, c: Call, timeoutMs = 10_000): Promise<Outcome> {
  let outcome!: Outcome;
  try {
    await world.t.db.transaction(async (tx) => {
      installDatabase({ ...world.t, db: tx });
      try {
        // Every call is rolled back, so the world before each one is the same: its checksums are taken once.
        const before = await (world.checksums.all ??= checksum(tx));
        const guardedBefore = c.guardAccountId === undefined ? "" : await (world.checksums[c.guardAccountId] ??= accountChecksum(tx, c.guardAccountId));
        const req = await buildRequest(world, c);
        const res = await withTimeout(c.route.handler(req, { params: Promise.resolve(c.params ?? world.params) }), timeoutMs, `${c.route.key}`);
        const contentType = res.headers.get("content-type") ?? "";
        const text = contentType.startsWith("text/event-stream") ? await firstChunk(res) : await res.text();
        const guardedAfter = c.guardAccountId === undefined ? "" : await accountChecksum(tx, c.guardAccountId);
        outcome = { status: res.status, text, contentType, wrote: (await checksum(tx)) !== before, touchedGuarded: guardedAfter !== guardedBefore };
      } finally {
        installDatabase(world.t);
      }
      tx.rollback();
    });
  } catch (err) {
    if (err instanceof TransactionRollbackError) return outcome;
    if (/current transaction is aborted/.test(String((err as { cause?: unknown }).cause ?? err))) {
      throw new Error(
        `${c.route.key}: the route caught a database error and answered anyway; inside the suite's rolled-back transaction that aborts it (use a savepoint — db.transaction — around a statement whose error is expected)`,
      );
    }
    throw err;
  }
  return outcome;
}

async function firstChunk(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return value ? new TextDecoder().decode(value) : "";
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms))).finally(() => clearTimeout(timer))]);
}

/** SPEC §8: a refusal says why — a JSON body with error/errors/message, or (HTML page routes) some text. */
export function hasClearMessage(o: Outcome): boolean {
  if (o.contentType.includes("json")) {
    try {
      const body = JSON.parse(o.text) as Record<string, unknown>;
      const said = body.error ?? body.errors ?? body.message;
      return typeof said === "string" ? said.trim().length > 0 : Array.isArray(said) ? said.length > 0 : said !== null && typeof said === "object";
    } catch {
      return false;
    }
  }
  return o.text.trim().length > 0;
}
