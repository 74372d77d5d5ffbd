import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as createRoute from "@/app/api/v1/accounts/[accountId]/conversations/route";
import * as metaRoute from "@/app/api/v1/accounts/[accountId]/conversations/meta/route";
import * as showRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/route";
import * as toggleStatusRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_status/route";
import * as togglePriorityRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_priority/route";
import * as assignmentsRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/assignments/route";
import * as lastSeenRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/update_last_seen/route";
import * as unreadRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/unread/route";
import * as typingRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_typing_status/route";
import * as labelsRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/labels/route";
import { conversations, events } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { backends, type TestDatabase } from "@/test/support/db";
import { buildContact, buildContactInbox, buildInbox, buildLabel, reloadConversation } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;

describe.each(backends)("Application API conversations on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);

  const acc = () => ({ accountId: String(w.account.id) });
  const conv = (displayId: number) => ({ ...acc(), conversationId: String(displayId) });
  async function newConversation(values: Partial<typeof conversations.$inferInsert> = {}) {
    const contact = await buildContact(t.db, { accountId: w.account.id, name: "Visitor", email: `v${Math.random().toString(36).slice(2)}@example.test` });
    const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: contact.id, inboxId: w.inbox.id });
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: contact.id, contactInboxId: ci.id });
    if (Object.keys(values).length) await t.db.update(conversations).set(values).where(eq(conversations.id, c.id));
    return { ...(await reloadConversation(t.db, c.id)), contact };
  }

  describe("GET /conversations", () => {
    it("answers {data: {meta: {mine_count, assigned_count, unassigned_count, all_count}, payload}} with counts taken before assignee_type (conversations_controller_spec 'meta')", async () => {
      const a = await newConversation({ assigneeId: w.agent.id });
      const b = await newConversation();
      const res = await call(createRoute.GET, { params: acc(), path: `/api/v1/accounts/${w.account.id}/conversations?assignee_type=me`, token: w.agent.accessToken });
      expect(res.status).toBe(200);
      const data = (res.body as { data: { meta: Body; payload: Body[] } }).data;
      expect(Object.keys(data)).toEqual(["meta", "payload"]);
      expect(Object.keys(data.meta)).toEqual(["mine_count", "assigned_count", "unassigned_count", "all_count"]);
      expect(data.meta.mine_count).toBeGreaterThanOrEqual(1);
      expect((data.meta.all_count as number) - (data.meta.unassigned_count as number)).toBe(data.meta.assigned_count);
      const ids = data.payload.map((c) => c.id);
      expect(ids).toContain(a.displayId);
      expect(ids).not.toContain(b.displayId); // assignee_type=me filters the page, not the counts
    });

    it("SPEC §8: an agent lists only conversations of inboxes they are a member of; an administrator the whole account", async () => {
      const foreign = await createConversation(t.db, { accountId: w.account.id, inboxId: w.otherInbox.id, contactId: w.otherContact.id, contactInboxId: w.otherContactInbox.id });
      const list = async (token: string) =>
        ((await call(createRoute.GET, { params: acc(), path: `/api/v1/accounts/${w.account.id}/conversations?status=all`, token })).body as { data: { payload: Body[] } }).data.payload.map(
          (c) => c.id,
        );
      expect(await list(w.agent.accessToken)).not.toContain(foreign.displayId);
      expect(await list(w.admin.accessToken)).toContain(foreign.displayId);
      // inbox_id is intersected with the caller's inboxes
      const res = await call(createRoute.GET, { params: acc(), path: `/api/v1/accounts/${w.account.id}/conversations?status=all&inbox_id=${w.otherInbox.id}`, token: w.agent.accessToken });
      expect((res.body as { data: { payload: Body[]; meta: Body } }).data.meta.all_count).toBe(0);
    });

    it("filters by status (default open) and q skips the status filter, as Chatwoot's ConversationFinder", async () => {
      const resolved = await newConversation({ status: "resolved" });
      const path = (qs: string) => `/api/v1/accounts/${w.account.id}/conversations?${qs}`;
      const ids = async (qs: string) =>
        ((await call(createRoute.GET, { params: acc(), path: path(qs), token: w.admin.accessToken })).body as { data: { payload: Body[] } }).data.payload.map((c) => c.id);
      expect(await ids("")).not.toContain(resolved.displayId);
      expect(await ids("status=resolved")).toContain(resolved.displayId);
      expect(await ids(`q=${encodeURIComponent(resolved.contact.email!)}`)).toContain(resolved.displayId);
    });

    it("sorts by sort_by, legacy names included (sort_on_created_at = created_at_asc)", async () => {
      const path = (qs: string) => `/api/v1/accounts/${w.account.id}/conversations?status=all&${qs}`;
      const ids = async (qs: string) =>
        ((await call(createRoute.GET, { params: acc(), path: path(qs), token: w.admin.accessToken })).body as { data: { payload: Body[] } }).data.payload.map((c) => c.id as number);
      const ascending = await ids("sort_by=created_at_asc");
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      expect(await ids("sort_by=sort_on_created_at")).toEqual(ascending);
      const descending = await ids("sort_by=created_at_desc");
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
    });

    it("B3: the request's statement count does not grow with the page size (list in ≤ 4 statements plus authentication)", async () => {
      const counter = countStatements(t.db);
      const path = `/api/v1/accounts/${w.account.id}/conversations?status=all`;
      const one = await measure(counter, () => call(createRoute.GET, { params: acc(), path: `${path}&inbox_id=${w.otherInbox.id}`, token: w.admin.accessToken }));
      for (let i = 0; i < 25; i++) await newConversation({ assigneeId: i % 2 ? w.agent.id : null });
      const many = await measure(counter, () => call(createRoute.GET, { params: acc(), path, token: w.admin.accessToken }));
      counter.stop();
      expect(many.pageSize).toBe(25);
      expect(one.pageSize).toBeGreaterThanOrEqual(1);
      expect(many.statements).toBe(one.statements);
      // authentication (token → user) and membership take 2; the list takes the rest
      expect(many.statements - 2).toBeLessThanOrEqual(4);
    });
  });

  it("GET /conversations/meta answers {meta: {…counts}} without a data wrapper", async () => {
    const res = await call(metaRoute.GET, { params: acc(), token: w.admin.accessToken });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as Body)).toEqual(["meta"]);
    expect(Object.keys((res.body as { meta: Body }).meta)).toEqual(["mine_count", "assigned_count", "unassigned_count", "all_count"]);
  });

  describe("POST /conversations", () => {
    it("creates from inbox_id + contact_id (contact_inbox found or created) and answers 200 with AppConversation", async () => {
      const contact = await buildContact(t.db, { accountId: w.account.id, name: "New Person" });
      const res = await call(createRoute.POST, {
        method: "POST",
        params: acc(),
        token: w.agent.accessToken,
        body: { inbox_id: w.inbox.id, contact_id: contact.id, custom_attributes: { plan: "pro" } },
      });
      expect(res.status).toBe(200);
      const body = res.body as Body & { meta: { sender: Body } };
      expect(body).toMatchObject({ inbox_id: w.inbox.id, status: "open", custom_attributes: { plan: "pro" }, messages: [] });
      expect(body.meta.sender.id).toBe(contact.id);
    });

    it("sends an initial message as the caller (outgoing) and looks the contact_inbox up by source_id", async () => {
      const res = await call(createRoute.POST, { method: "POST", params: acc(), token: w.agent.accessToken, body: { source_id: w.contactInbox.sourceId, message: { content: "Hello from us" } } });
      expect(res.status).toBe(200);
      const body = res.body as { messages: Body[]; last_non_activity_message: Body };
      expect(body.last_non_activity_message).toMatchObject({ content: "Hello from us", message_type: 1, sender: { id: w.agent.id, type: "user" } });
    });

    it("assignee_id names the assignee of the new conversation (an inbox member, else a 422 and no conversation)", async () => {
      const contact = await buildContact(t.db, { accountId: w.account.id, name: "Assigned Person" });
      const res = await call(createRoute.POST, { method: "POST", params: acc(), token: w.agent.accessToken, body: { inbox_id: w.inbox.id, contact_id: contact.id, assignee_id: w.colleague.id } });
      expect(res.status).toBe(200);
      expect((res.body as { meta: { assignee: Body; assignee_type: string } }).meta).toMatchObject({ assignee: { id: w.colleague.id }, assignee_type: "User" });
      const refused = await call(createRoute.POST, { method: "POST", params: acc(), token: w.admin.accessToken, body: { inbox_id: w.inbox.id, contact_id: contact.id, assignee_id: w.outsider.id } });
      expect([refused.status, (refused.body as Body).attributes]).toEqual([422, ["assignee_id"]]);
      expect((await t.db.select().from(conversations).where(eq(conversations.contactId, contact.id))).length).toBe(1);
    });

    it("an inbox locked to a single conversation returns the contact's existing one instead of a second", async () => {
      const locked = await buildInbox(t.db, { accountId: w.account.id, name: "Locked", enableAutoAssignment: false, lockToSingleConversation: true });
      const contact = await buildContact(t.db, { accountId: w.account.id, name: "Single" });
      const body = { inbox_id: locked.id, contact_id: contact.id };
      const first = await call(createRoute.POST, { method: "POST", params: acc(), token: w.admin.accessToken, body });
      const second = await call(createRoute.POST, { method: "POST", params: acc(), token: w.admin.accessToken, body });
      expect([first.status, second.status]).toEqual([200, 200]);
      expect((second.body as Body).id).toBe((first.body as Body).id);
      expect((await t.db.select().from(conversations).where(eq(conversations.contactId, contact.id))).length).toBe(1);
    });

    it("answers 404 for an inbox the agent is not a member of, and 422 without source_id or inbox_id + contact_id", async () => {
      const notMine = await call(createRoute.POST, { method: "POST", params: acc(), token: w.agent.accessToken, body: { inbox_id: w.otherInbox.id, contact_id: w.contact.id } });
      expect(notMine.status).toBe(404);
      const blank = await call(createRoute.POST, { method: "POST", params: acc(), token: w.agent.accessToken, body: {} });
      expect(blank.status).toBe(422);
      expect((blank.body as { attributes: string[] }).attributes).toEqual(["source_id"]);
    });
  });

  describe("GET /conversations/{id}", () => {
    it("answers the conversation by display_id; another account's or another inbox's conversation is a 404", async () => {
      const c = await newConversation();
      expect((await call(showRoute.GET, { params: conv(c.displayId), token: w.agent.accessToken })).body).toMatchObject({ id: c.displayId, uuid: c.uuid });
      expect((await call(showRoute.GET, { params: conv(c.displayId), token: w.outsider.accessToken })).status).toBe(404);
      expect((await call(showRoute.GET, { params: { accountId: String(w.stranger.id), conversationId: String(c.displayId) }, token: w.admin.accessToken })).status).toBe(404);
      expect((await call(showRoute.GET, { params: conv(c.displayId), token: w.strangerAdmin.accessToken })).status).toBe(404);
    });
  });

  describe("POST …/toggle_status (C2, C3)", () => {
    const toggle = (displayId: number, token: string, body?: Body) => call(toggleStatusRoute.POST, { method: "POST", params: conv(displayId), token, body });

    it("toggles open → resolved without a status; the payload has success, conversation_id, current_status, snoozed_until and no meta", async () => {
      const c = await newConversation();
      const res = await toggle(c.displayId, w.admin.accessToken);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ payload: { success: true, conversation_id: c.displayId, current_status: "resolved", snoozed_until: null } });
    });

    it("pending → open (conversations_controller_spec)", async () => {
      const c = await newConversation({ status: "pending" });
      expect((await toggle(c.displayId, w.admin.accessToken)).body).toMatchObject({ payload: { current_status: "open" } });
    });

    it("self assign if agent changes the conversation status to open (C3)", async () => {
      const c = await newConversation({ status: "resolved" });
      await toggle(c.displayId, w.agent.accessToken, { status: "open" });
      expect((await reloadConversation(t.db, c.id)).assigneeId).toBe(w.agent.id);
    });

    it("disable self assign if admin changes the conversation status to open", async () => {
      const c = await newConversation({ status: "resolved" });
      await toggle(c.displayId, w.admin.accessToken, { status: "open" });
      expect((await reloadConversation(t.db, c.id)).assigneeId).toBeNull();
    });

    it("C3 deviation: an agent reopening a colleague's conversation does not take it over", async () => {
      const c = await newConversation({ status: "resolved", assigneeId: w.admin.id });
      await toggle(c.displayId, w.agent.accessToken, { status: "open" });
      expect((await reloadConversation(t.db, c.id)).assigneeId).toBe(w.admin.id);
    });

    it("snoozed stores snoozed_until (epoch seconds, also as a numeric string) and answers it as ISO", async () => {
      const c = await newConversation();
      const until = Math.floor(Date.now() / 1000) + 3600;
      const res = await toggle(c.displayId, w.admin.accessToken, { status: "snoozed", snoozed_until: String(until) });
      expect(res.body).toEqual({ payload: { success: true, conversation_id: c.displayId, current_status: "snoozed", snoozed_until: new Date(until * 1000).toISOString() } });
      expect((await reloadConversation(t.db, c.id)).snoozedUntil).toEqual(new Date(until * 1000));
    });
  });

  it("POST …/toggle_priority answers 200 with an empty body; an unknown priority is a 422 (Chatwoot: 500)", async () => {
    const c = await newConversation();
    const res = await call(togglePriorityRoute.POST, { method: "POST", params: conv(c.displayId), token: w.agent.accessToken, body: { priority: "urgent" } });
    expect([res.status, res.text]).toEqual([200, ""]);
    expect((await reloadConversation(t.db, c.id)).priority).toBe("urgent");
    const bad = await call(togglePriorityRoute.POST, { method: "POST", params: conv(c.displayId), token: w.agent.accessToken, body: { priority: "none" } });
    expect(bad.status).toBe(422);
    expect((await reloadConversation(t.db, c.id)).priority).toBe("urgent");
  });

  describe("POST …/assignments (C5)", () => {
    const assign = (displayId: number, token: string, body: Body) => call(assignmentsRoute.POST, { method: "POST", params: conv(displayId), token, body });

    it("an administrator assigns an inbox member and gets the Agent back", async () => {
      const c = await newConversation();
      const res = await assign(c.displayId, w.admin.accessToken, { assignee_id: w.agent.id });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body as Body)).toEqual([
        "id",
        "account_id",
        "availability_status",
        "auto_offline",
        "confirmed",
        "email",
        "provider",
        "available_name",
        "name",
        "role",
        "thumbnail",
        "custom_role_id",
      ]);
      expect(res.body).toMatchObject({ id: w.agent.id, account_id: w.account.id, role: "agent", provider: "email", confirmed: true });
    });

    it("an administrator reassigns a taken conversation; assignee_id null unassigns and answers null; team_id alone answers null", async () => {
      const c = await newConversation({ assigneeId: w.agent.id });
      expect((await assign(c.displayId, w.admin.accessToken, { assignee_id: w.colleague.id })).body).toMatchObject({ id: w.colleague.id });
      const cleared = await assign(c.displayId, w.admin.accessToken, { assignee_id: null });
      expect([cleared.status, cleared.body]).toEqual([200, null]);
      expect((await reloadConversation(t.db, c.id)).assigneeId).toBeNull();
      expect((await assign(c.displayId, w.admin.accessToken, {})).body).toBeNull();
    });

    it("an agent claims an unassigned conversation; releases it again; claiming one someone else holds is a 409 (C5, WF1)", async () => {
      const c = await newConversation();
      expect((await assign(c.displayId, w.agent.accessToken, { assignee_id: w.agent.id })).body).toMatchObject({ id: w.agent.id });
      const released = await assign(c.displayId, w.agent.accessToken, { assignee_id: null });
      expect([released.status, released.body]).toEqual([200, null]);
      expect((await reloadConversation(t.db, c.id)).assigneeId).toBeNull();
      const taken = await newConversation({ assigneeId: w.admin.id });
      const conflict = await assign(taken.displayId, w.agent.accessToken, { assignee_id: w.agent.id });
      expect(conflict.status).toBe(409);
      expect((await reloadConversation(t.db, taken.id)).assigneeId).toBe(w.admin.id);
    });

    it("WF1: an agent reassigns a conversation they hold, or a colleague holds, to another inbox member, and unassigns a colleague's", async () => {
      const mine = await newConversation({ assigneeId: w.agent.id });
      const handed = await assign(mine.displayId, w.agent.accessToken, { assignee_id: w.colleague.id });
      expect([handed.status, (handed.body as Body).id]).toEqual([200, w.colleague.id]);
      expect((await reloadConversation(t.db, mine.id)).assigneeId).toBe(w.colleague.id);
      // The colleague holds it now: taking it for oneself is the self-claim race (409) …
      expect((await assign(mine.displayId, w.agent.accessToken, { assignee_id: w.agent.id })).status).toBe(409);
      // … but unassigning it is a deliberate reassignment anyone who sees it may make.
      const cleared = await assign(mine.displayId, w.agent.accessToken, { assignee_id: null });
      expect([cleared.status, cleared.body]).toEqual([200, null]);
      expect((await reloadConversation(t.db, mine.id)).assigneeId).toBeNull();
      const outside = await assign(mine.displayId, w.agent.accessToken, { assignee_id: w.outsider.id });
      expect(outside.status).toBe(422);
    });

    it("an assignee outside the inbox is a 422 naming assignee_id", async () => {
      const c = await newConversation();
      const res = await assign(c.displayId, w.admin.accessToken, { assignee_id: w.outsider.id });
      expect(res.status).toBe(422);
      expect((res.body as { attributes: string[] }).attributes).toEqual(["assignee_id"]);
    });
  });

  describe("POST …/update_last_seen (C6)", () => {
    it("sets agent_last_seen_at for any agent, and assignee_last_seen_at only for the assignee (conversations_controller_spec)", async () => {
      const c = await newConversation({ assigneeId: w.admin.id });
      const res = await call(lastSeenRoute.POST, { method: "POST", params: conv(c.displayId), token: w.agent.accessToken });
      expect(res.status).toBe(200);
      expect((res.body as Body).agent_last_seen_at).toBeGreaterThan(0);
      expect((res.body as Body).assignee_last_seen_at).toBe(0);
      const byAssignee = await call(lastSeenRoute.POST, { method: "POST", params: conv(c.displayId), token: w.admin.accessToken });
      expect((byAssignee.body as Body).assignee_last_seen_at).toBeGreaterThan(0);
    });
  });

  it("POST …/unread moves both last-seen columns to 1 s before the last incoming message and answers AppConversation", async () => {
    const c = await newConversation({ agentLastSeenAt: new Date(), assigneeLastSeenAt: new Date() });
    const { message } = await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: c.contactId }, input: { content: "are you there?" } });
    const res = await call(unreadRoute.POST, { method: "POST", params: conv(c.displayId), token: w.agent.accessToken });
    expect(res.status).toBe(200);
    const expected = Math.floor((message.createdAt.getTime() - 1000) / 1000);
    expect(res.body).toMatchObject({ agent_last_seen_at: expected, assignee_last_seen_at: expected, unread_count: 1 });
  });

  it("POST …/toggle_typing_status appends conversation.typing_on|off with {conversation, user, is_private}; private typing is agents-only; no row change", async () => {
    const c = await newConversation();
    const before = await reloadConversation(t.db, c.id);
    const on = await call(typingRoute.POST, { method: "POST", params: conv(c.displayId), token: w.agent.accessToken, body: { typing_status: "on", is_private: true } });
    expect([on.status, on.text]).toEqual([200, ""]);
    await call(typingRoute.POST, { method: "POST", params: conv(c.displayId), token: w.agent.accessToken, body: { typing_status: "off" } });
    const typing = (await t.db.select().from(events).where(eq(events.conversationId, c.id))).filter((e) => e.type.startsWith("conversation.typing"));
    expect(typing.map((e) => [e.type, e.private])).toEqual([
      ["conversation.typing_on", true],
      ["conversation.typing_off", false],
    ]);
    expect(typing[0]!.payload).toMatchObject({ conversation: { id: c.displayId }, user: { id: w.agent.id, type: "user" }, is_private: true });
    expect(await reloadConversation(t.db, c.id)).toEqual(before);
    const bad = await call(typingRoute.POST, { method: "POST", params: conv(c.displayId), token: w.agent.accessToken, body: { typing_status: "maybe" } });
    expect(bad.status).toBe(422);
  });

  it("GET/POST …/labels replace and read the conversation's labels as {payload: [str]}", async () => {
    await buildLabel(t.db, { accountId: w.account.id, title: "billing" });
    await buildLabel(t.db, { accountId: w.account.id, title: "vip" });
    const c = await newConversation();
    const set = await call(labelsRoute.POST, { method: "POST", params: conv(c.displayId), token: w.agent.accessToken, body: { labels: ["Billing", "vip"] } });
    expect(set.body).toEqual({ payload: ["billing", "vip"] });
    expect((await call(labelsRoute.GET, { params: conv(c.displayId), token: w.agent.accessToken })).body).toEqual({ payload: ["billing", "vip"] });
    const unknown = await call(labelsRoute.POST, { method: "POST", params: conv(c.displayId), token: w.agent.accessToken, body: { labels: ["nope"] } });
    expect(unknown.status).toBe(422);
  });
});

type Counter = { count: () => number; reset: () => void; stop: () => void };
function countStatements(db: TestDatabase["db"]): Counter {
  const session = (db as unknown as { session: { logger: { logQuery(q: string, p: unknown[]): void } } }).session;
  const original = session.logger;
  let n = 0;
  session.logger = { logQuery: () => void n++ };
  return { count: () => n, reset: () => void (n = 0), stop: () => void (session.logger = original) };
}
async function measure(counter: Counter, run: () => Promise<{ body: unknown }>) {
  counter.reset();
  const res = await run();
  return { statements: counter.count(), pageSize: (res.body as { data: { payload: unknown[] } }).data.payload.length };
}
