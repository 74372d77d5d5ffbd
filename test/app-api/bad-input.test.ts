import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/v1/accounts/[accountId]/conversations/route";
import * as metaRoute from "@/app/api/v1/accounts/[accountId]/conversations/meta/route";
import * as showRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/route";
import * as toggleStatusRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_status/route";
import * as togglePriorityRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_priority/route";
import * as assignmentsRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/assignments/route";
import * as lastSeenRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/update_last_seen/route";
import * as unreadRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/unread/route";
import * as typingRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_typing_status/route";
import * as labelsRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/labels/route";
import * as messagesRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import * as messageRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/[messageId]/route";
import * as contactsRoute from "@/app/api/v1/accounts/[accountId]/contacts/route";
import * as searchRoute from "@/app/api/v1/accounts/[accountId]/contacts/search/route";
import * as contactRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/route";
import { contactInboxes, contacts, conversations, events, messages, type Conversation, type Message } from "@/db/schema";
import type { RouteHandler } from "@/lib/http/with-auth";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { backends } from "@/test/support/db";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

/** What an endpoint needs in its path: the account, a conversation, a message, or a contact. */
type Scope = "account" | "conversation" | "message" | "contact";
type Endpoint = {
  name: string;
  handler: RouteHandler | undefined;
  method: string;
  scope: Scope;
  /** Takes a JSON body (so malformed JSON must be a 400). */
  body?: boolean;
  /** Bodies or query strings of the wrong type/size, and the field the 422 must name. */
  invalid?: { body?: unknown; query?: string; field: string }[];
};

const OVERSIZE = "x".repeat(150_001);

const ENDPOINTS: Endpoint[] = [
  {
    name: "GET /conversations",
    handler: listRoute.GET,
    method: "GET",
    scope: "account",
    invalid: [
      { query: "status=foo", field: "status" },
      { query: "page=0", field: "page" },
      { query: "inbox_id=abc", field: "inbox_id" },
      { query: "inbox_id=99999999999", field: "inbox_id" },
      { query: "q=%00", field: "q" },
    ],
  },
  { name: "GET /conversations/meta", handler: metaRoute.GET, method: "GET", scope: "account", invalid: [{ query: "status=foo", field: "status" }] },
  {
    name: "POST /conversations",
    handler: listRoute.POST,
    method: "POST",
    scope: "account",
    body: true,
    invalid: [
      { body: { inbox_id: "abc", contact_id: 1 }, field: "inbox_id" },
      { body: { inbox_id: 99_999_999_999, contact_id: 1 }, field: "inbox_id" },
      { body: { source_id: "x", assignee_id: 99_999_999_999 }, field: "assignee_id" },
      { body: { source_id: 42 }, field: "source_id" },
      { body: { source_id: "x", status: "snoozed" }, field: "status" },
      { body: { source_id: "x", custom_attributes: "nope" }, field: "custom_attributes" },
      { body: { source_id: "x", message: { content: OVERSIZE } }, field: "content" },
      { body: [], field: "base" },
    ],
  },
  { name: "GET /conversations/{id}", handler: showRoute.GET, method: "GET", scope: "conversation" },
  {
    name: "POST …/toggle_status",
    handler: toggleStatusRoute.POST,
    method: "POST",
    scope: "conversation",
    body: true,
    invalid: [
      { body: { status: "foo" }, field: "status" },
      { body: { status: "snoozed", snoozed_until: "tomorrow" }, field: "snoozed_until" },
      { body: { status: "snoozed", snoozed_until: 1e20 }, field: "snoozed_until" },
      { body: { status: "snoozed", snoozed_until: "0000-01-01T00:00:00Z" }, field: "snoozed_until" },
      { body: { status: "snoozed", snoozed_until: "9999-12-31T23:59:59-05:00" }, field: "snoozed_until" },
    ],
  },
  {
    name: "POST …/toggle_priority",
    handler: togglePriorityRoute.POST,
    method: "POST",
    scope: "conversation",
    body: true,
    invalid: [
      { body: { priority: "none" }, field: "priority" },
      { body: { priority: 5 }, field: "priority" },
    ],
  },
  {
    name: "POST …/assignments",
    handler: assignmentsRoute.POST,
    method: "POST",
    scope: "conversation",
    body: true,
    invalid: [
      { body: { assignee_id: "someone" }, field: "assignee_id" },
      { body: { assignee_id: -1 }, field: "assignee_id" },
      { body: { assignee_id: 99_999_999_999 }, field: "assignee_id" },
    ],
  },
  { name: "POST …/update_last_seen", handler: lastSeenRoute.POST, method: "POST", scope: "conversation", body: true },
  { name: "POST …/unread", handler: unreadRoute.POST, method: "POST", scope: "conversation", body: true },
  {
    name: "POST …/toggle_typing_status",
    handler: typingRoute.POST,
    method: "POST",
    scope: "conversation",
    body: true,
    invalid: [
      { body: { typing_status: true }, field: "typing_status" },
      { body: { typing_status: "on", is_private: "yes" }, field: "is_private" },
    ],
  },
  { name: "GET …/labels", handler: labelsRoute.GET, method: "GET", scope: "conversation" },
  {
    name: "POST …/labels",
    handler: labelsRoute.POST,
    method: "POST",
    scope: "conversation",
    body: true,
    invalid: [
      { body: { labels: "vip" }, field: "labels" },
      { body: { labels: [""] }, field: "labels.0" },
    ],
  },
  {
    name: "GET …/messages",
    handler: messagesRoute.GET,
    method: "GET",
    scope: "conversation",
    invalid: [
      { query: "before=abc", field: "before" },
      { query: "after=-1", field: "after" },
      { query: "before=999999999999", field: "before" },
    ],
  },
  {
    name: "POST …/messages",
    handler: messagesRoute.POST,
    method: "POST",
    scope: "conversation",
    body: true,
    invalid: [
      { body: { content: OVERSIZE }, field: "content" },
      { body: { content: 5 }, field: "content" },
      { body: { content: "nul \u0000 inside" }, field: "content" },
      { body: { content: "hi", private: "yes" }, field: "private" },
      { body: { content: "hi", message_type: "foo" }, field: "message_type" },
      { body: { content: "hi", content_type: "video" }, field: "content_type" },
      { body: { content: "hi", source_id: "s".repeat(20_001) }, field: "source_id" },
      { body: { content: "hi", content_attributes: "{not json" }, field: "content_attributes" },
      { body: { content: "hi", attachments: [{ fileName: "a", fileSize: 1, contentType: "text/plain", storageKey: "k" }] }, field: "attachments" },
    ],
  },
  { name: "DELETE …/messages/{id}", handler: messageRoute.DELETE, method: "DELETE", scope: "message" },
  {
    name: "GET /contacts",
    handler: contactsRoute.GET,
    method: "GET",
    scope: "account",
    invalid: [
      { query: "page=0", field: "page" },
      { query: "page=abc", field: "page" },
    ],
  },
  {
    name: "POST /contacts",
    handler: contactsRoute.POST,
    method: "POST",
    scope: "account",
    body: true,
    invalid: [
      { body: { email: 5 }, field: "email" },
      { body: { email: "<2324234234" }, field: "email" },
      { body: { phone_number: "123456789" }, field: "phone_number" },
      { body: { name: "n".repeat(256) }, field: "name" },
      { body: { blocked: "yes" }, field: "blocked" },
      { body: { inbox_id: "abc" }, field: "inbox_id" },
      { body: { inbox_id: 99_999_999_999 }, field: "inbox_id" },
      { body: { name: "a\u0000b" }, field: "name" },
    ],
  },
  {
    name: "GET /contacts/search",
    handler: searchRoute.GET,
    method: "GET",
    scope: "account",
    invalid: [
      { query: "", field: "q" },
      { query: "q=" + "q".repeat(256), field: "q" },
      { query: "q=%00", field: "q" },
    ],
  },
  { name: "GET /contacts/{id}", handler: contactRoute.GET, method: "GET", scope: "contact" },
  {
    name: "PUT /contacts/{id}",
    handler: contactRoute.PUT,
    method: "PUT",
    scope: "contact",
    body: true,
    invalid: [
      { body: { name: 5 }, field: "name" },
      { body: { phone_number: "0800" }, field: "phone_number" },
      { body: { custom_attributes: [] }, field: "custom_attributes" },
    ],
  },
  { name: "PATCH /contacts/{id}", handler: contactRoute.PATCH, method: "PATCH", scope: "contact", body: true, invalid: [{ body: { email: "not-an-email" }, field: "email" }] },
];

describe.each(backends)("Application API bad input on %s: never a 500, and nothing written (SPEC §8)", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  let mine: Conversation;
  let message: Message;
  let foreign: Conversation;
  let strangers: Conversation;
  beforeAll(async () => {
    mine = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    ({ message } = await createMessage(t.db, { conversationId: mine.id, sender: { type: "contact", id: w.contact.id }, input: { content: "hello" } }));
    foreign = await createConversation(t.db, { accountId: w.account.id, inboxId: w.otherInbox.id, contactId: w.otherContact.id, contactInboxId: w.otherContactInbox.id });
    strangers = await createConversation(t.db, { accountId: w.stranger.id, inboxId: w.strangerInbox.id, contactId: w.strangerContact.id, contactInboxId: w.strangerContactInbox.id });
  });

  /** Every row a request could touch, so "nothing written" covers updates as well as inserts. */
  async function snapshot() {
    return JSON.stringify([
      await t.db.select().from(conversations).orderBy(conversations.id),
      await t.db.select().from(messages).orderBy(messages.id),
      await t.db.select().from(contacts).orderBy(contacts.id),
      await t.db.select().from(contactInboxes).orderBy(contactInboxes.id),
      (await t.db.select({ id: events.id }).from(events)).length,
    ]);
  }

  function paramsFor(e: Endpoint, over: Partial<Record<"accountId" | "conversationId" | "messageId" | "contactId", string>> = {}) {
    const p: Record<string, string> = { accountId: String(w.account.id) };
    if (e.scope === "conversation" || e.scope === "message") p.conversationId = String(mine.displayId);
    if (e.scope === "message") p.messageId = String(message.id);
    if (e.scope === "contact") p.contactId = String(w.contact.id);
    return { ...p, ...over };
  }

  /** A body every endpoint accepts, so only the ids decide (each schema ignores the others' keys). */
  const validBody = () => ({ content: "hi", status: "resolved", assignee_id: w.agent.id, typing_status: "on", labels: [] });

  async function expectRefused(e: Endpoint, req: { params: Record<string, string>; body?: unknown; query?: string; token?: string }, status: number) {
    const before = await snapshot();
    const res = await call(e.handler, {
      method: e.method,
      params: req.params,
      token: req.token ?? w.agent.accessToken,
      body: req.body,
      path: `/api/v1/accounts/${req.params.accountId}/x${req.query === undefined ? "" : `?${req.query}`}`,
    });
    expect(res.status, `${e.name} → ${res.text.slice(0, 300)}`).toBe(status);
    expect(await snapshot(), `${e.name} wrote something`).toBe(before);
    return res;
  }

  const withBody = ENDPOINTS.filter((e) => e.body);
  it.each(withBody.map((e) => [e.name, e] as const))("%s: malformed JSON is a 400", async (_name, e) => {
    const res = await expectRefused(e, { params: paramsFor(e), body: '{"content": "hi",' }, 400);
    expect((res.body as { error: string }).error).toMatch(/Malformed JSON/);
  });

  const invalid = ENDPOINTS.flatMap((e) => (e.invalid ?? []).map((v, i) => [`${e.name} #${i + 1} (${v.field})`, e, v] as const));
  it.each(invalid)("%s: wrong type or size is a 422 naming the field", async (_name, e, v) => {
    const res = await expectRefused(e, { params: paramsFor(e), body: v.body, query: v.query }, 422);
    const body = res.body as { message: string; attributes: string[]; errors: Record<string, string[]> };
    expect(body.attributes.some((a) => a === v.field || a.endsWith(`.${v.field}`))).toBe(true);
    expect(typeof body.message).toBe("string");
  });

  const scoped = ENDPOINTS.filter((e) => e.scope !== "account");
  it.each(scoped.map((e) => [e.name, e] as const))("%s: unknown or malformed ids are a 404", async (_name, e) => {
    const key = e.scope === "contact" ? "contactId" : e.scope === "message" ? "messageId" : "conversationId";
    for (const id of ["99999999", "abc", "0", "-1"]) await expectRefused(e, { params: paramsFor(e, { [key]: id }), body: e.body ? validBody() : undefined }, 404);
  });

  it.each(ENDPOINTS.map((e) => [e.name, e] as const))("%s: another account is a 404, even for its own administrator's ids", async (_name, e) => {
    // the caller is not a member of the stranger account …
    await expectRefused(
      e,
      { params: paramsFor(e, { accountId: String(w.stranger.id), conversationId: String(strangers.displayId), contactId: String(w.strangerContact.id) }), body: e.body ? validBody() : undefined },
      404,
    );
    // … and the stranger's ids do not resolve inside the caller's account
    if (e.scope === "contact") await expectRefused(e, { params: paramsFor(e, { contactId: String(w.strangerContact.id) }), body: e.body ? validBody() : undefined }, 404);
  });

  const conversationScoped = ENDPOINTS.filter((e) => e.scope === "conversation" || e.scope === "message");
  it.each(conversationScoped.map((e) => [e.name, e] as const))("%s: an agent on another inbox's conversation gets a 404", async (_name, e) => {
    await expectRefused(e, { params: paramsFor(e, { conversationId: String(foreign.displayId) }), body: e.body ? validBody() : undefined }, 404);
  });

  it("a message id of another conversation is a 404 on DELETE", async () => {
    const { message: other } = await createMessage(t.db, { conversationId: foreign.id, sender: { type: "contact", id: w.otherContact.id }, input: { content: "elsewhere" } });
    const e = ENDPOINTS.find((x) => x.name === "DELETE …/messages/{id}")!;
    await expectRefused(e, { params: paramsFor(e, { messageId: String(other.id) }) }, 404);
    expect((await t.db.select().from(messages).where(eq(messages.id, other.id)))[0]?.content).toBe("elsewhere");
  });
});
