import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as executeRoute from "@/app/api/v1/accounts/[accountId]/macros/[macroId]/execute/route";
import * as macroRoute from "@/app/api/v1/accounts/[accountId]/macros/[macroId]/route";
import * as macrosRoute from "@/app/api/v1/accounts/[accountId]/macros/route";
import { and, eq, inArray } from "drizzle-orm";
import { conversations, events, messages, teams } from "@/db/schema";
import { backends, type TestDatabase } from "@/test/support/db";
import { buildConversationRow, buildLabel, messagesOf, reloadConversation } from "@/test/support/engine-fixtures";
import { buildApiWorld, call, closeApiDatabase, openApiDatabase, type ApiWorld } from "../app-api/support";

type Macro = { id: number; name: string; visibility: string; created_by: { id: number } | null; account_id: number; actions: unknown[] };

describe.each(backends)("macros on %s", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  let teamId: number;
  beforeAll(async () => {
    t = await openApiDatabase(backend);
    w = await buildApiWorld(t.db);
    await buildLabel(t.db, { accountId: w.account.id, title: "billing" });
    await buildLabel(t.db, { accountId: w.account.id, title: "vip" });
    teamId = (await t.db.insert(teams).values({ accountId: w.account.id, name: "Sales", allowAutoAssign: false }).returning())[0]!.id;
  });
  afterAll(async () => closeApiDatabase(t));
  const p = (extra: Record<string, string> = {}) => ({ accountId: String(w.account.id), ...extra });
  const create = (token: string, body: unknown) => call(macrosRoute.POST, { method: "POST", params: p(), token, body });

  it("MA1 agents keep personal macros; account-wide (global) ones are the administrators'", async () => {
    const mine = await create(w.agent.accessToken, { name: "Bill it", actions: [{ action_name: "add_label", action_params: ["billing"] }] });
    expect(mine.status).toBe(200);
    const m = (mine.body as { payload: Macro }).payload;
    expect(m).toMatchObject({ name: "Bill it", visibility: "personal", created_by: { id: w.agent.id }, account_id: w.account.id, actions: [{ action_name: "add_label", action_params: ["billing"] }] });
    expect(Object.keys(m)).toEqual(["id", "name", "visibility", "created_by", "updated_by", "account_id", "actions", "created_at", "updated_at"]);

    expect((await create(w.agent.accessToken, { name: "Team-wide", visibility: "global", actions: [{ action_name: "resolve_conversation", action_params: [] }] })).status).toBe(403);
    const global = (await create(w.admin.accessToken, { macro: { name: "Close", visibility: "global", actions: [{ action_name: "resolve_conversation" }] } })).body as { payload: Macro };
    expect(global.payload.visibility).toBe("global");

    // The colleague sees the global macro, not the agent's personal one.
    const listed = (await call(macrosRoute.GET, { params: p(), token: w.colleague.accessToken })).body as { payload: Macro[] };
    expect(listed.payload.map((x) => x.name)).toEqual(["Close"]);
    expect((await call(macroRoute.GET, { params: p({ macroId: String(m.id) }), token: w.colleague.accessToken })).status).toBe(404);
    expect((await call(macroRoute.PATCH, { method: "PATCH", params: p({ macroId: String(global.payload.id) }), token: w.agent.accessToken, body: { name: "Mine now" } })).status).toBe(403);
    expect((await call(macroRoute.DELETE, { method: "DELETE", params: p({ macroId: String(global.payload.id) }), token: w.agent.accessToken })).status).toBe(403);
    expect((await call(macroRoute.PATCH, { method: "PATCH", params: p({ macroId: String(m.id) }), token: w.agent.accessToken, body: { visibility: "global" } })).status).toBe(403);

    const renamed = await call(macroRoute.PATCH, { method: "PATCH", params: p({ macroId: String(m.id) }), token: w.agent.accessToken, body: { name: "Bill" } });
    expect((renamed.body as { payload: Macro }).payload).toMatchObject({ name: "Bill", visibility: "personal", actions: m.actions });
    expect((await call(macroRoute.DELETE, { method: "DELETE", params: p({ macroId: String(m.id) }), token: w.agent.accessToken })).status).toBe(200);
    expect((await call(macrosRoute.GET, { params: p(), token: w.strangerAdmin.accessToken })).status).toBe(404);
  });

  it("MA2 execute runs every action in order on each conversation, as the caller", async () => {
    const macro = (
      (
        await create(w.agent.accessToken, {
          name: "Escalate",
          actions: [
            { action_name: "add_label", action_params: ["billing", "vip"] },
            { action_name: "remove_label", action_params: ["vip"] },
            { action_name: "change_priority", action_params: ["urgent"] },
            { action_name: "assign_team", action_params: [teamId] },
            { action_name: "assign_agent", action_params: [String(w.colleague.id)] },
            { action_name: "add_private_note", action_params: ["Escalated to billing"] },
            { action_name: "send_message", action_params: ["We are on it"] },
            { action_name: "change_status", action_params: ["pending"] },
          ],
        })
      ).body as { payload: Macro }
    ).payload;
    const a = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    const b = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    const ran = await call(executeRoute.POST, { method: "POST", params: p({ macroId: String(macro.id) }), token: w.agent.accessToken, body: { conversation_ids: [a.displayId, b.displayId] } });
    expect([ran.status, ran.text]).toEqual([200, ""]);
    for (const c of [a, b]) {
      const now = await reloadConversation(t.db, c.id);
      expect(now).toMatchObject({ labels: ["billing"], priority: "urgent", teamId, assigneeId: w.colleague.id, status: "pending" });
      const written = (await messagesOf(t.db, c.id)).filter((m) => m.messageType !== "activity");
      expect(written.map((m) => [m.content, m.private, m.senderId])).toEqual([
        ["Escalated to billing", true, w.agent.id],
        ["We are on it", false, w.agent.id],
      ]);
    }
  });

  it("MA2 execute on 1,000 conversations finishes in seconds, each with its lines and events", async () => {
    const macro = (
      (
        await create(w.admin.accessToken, {
          name: "Close billing",
          actions: [
            { action_name: "add_label", action_params: ["billing"] },
            { action_name: "resolve_conversation", action_params: [] },
          ],
        })
      ).body as { payload: Macro }
    ).payload;
    const cs = await t.db
      .insert(conversations)
      .values(Array.from({ length: 1000 }, () => ({ accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id })))
      .returning();
    const ids = cs.map((c) => c.id);
    const started = performance.now();
    const ran = await call(executeRoute.POST, { method: "POST", params: p({ macroId: String(macro.id) }), token: w.admin.accessToken, body: { conversation_ids: cs.map((c) => c.displayId) } });
    const seconds = (performance.now() - started) / 1000;
    console.info(`macros/execute: 1,000 conversations labelled and resolved in ${seconds.toFixed(2)} s on ${backend}`);
    expect(ran.status).toBe(200);
    const now = await t.db.select({ status: conversations.status, labels: conversations.labels }).from(conversations).where(inArray(conversations.id, ids));
    expect(now.every((c) => c.status === "resolved" && c.labels.join() === "billing")).toBe(true);
    const lines = await t.db.select({ conversationId: messages.conversationId, content: messages.content }).from(messages).where(inArray(messages.conversationId, ids));
    expect(lines.length).toBe(2000);
    expect(new Set(lines.map((l) => l.content))).toEqual(new Set(["Ada Admin added billing", "Conversation was marked resolved by Ada Admin"]));
    const resolvedEvents = await t.db
      .select({ conversationId: events.conversationId })
      .from(events)
      .where(and(inArray(events.conversationId, ids), eq(events.type, "conversation.resolved")));
    expect(new Set(resolvedEvents.map((e) => e.conversationId)).size).toBe(1000);
    // As bulk actions (test/app-api/workflow.test.ts): generous for the loaded machine, PGlite twice that.
    expect(seconds).toBeLessThan(backend === "pglite" ? 20 : 10);
  }, 120_000);

  it("MA2 a conversation the caller cannot see is a 404 and nothing runs", async () => {
    const macro = ((await create(w.outsider.accessToken, { name: "Label", actions: [{ action_name: "add_label", action_params: ["vip"] }] })).body as { payload: Macro }).payload;
    const mine = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.otherInbox.id, contactId: w.otherContact.id, contactInboxId: w.otherContactInbox.id });
    const theirs = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    const res = await call(executeRoute.POST, {
      method: "POST",
      params: p({ macroId: String(macro.id) }),
      token: w.outsider.accessToken,
      body: { conversation_ids: [mine.displayId, theirs.displayId] },
    });
    expect(res.status).toBe(404);
    expect((await reloadConversation(t.db, mine.id)).labels).toEqual([]);
  });

  it("MA2 bad macros are a 422 naming the field and write nothing", async () => {
    const cases: [unknown, string][] = [
      [{ name: "x", actions: [{ action_name: "launch_rocket", action_params: [] }] }, "actions.0.action_name"],
      [{ name: "x", actions: [{ action_name: "change_status", action_params: ["closed"] }] }, "actions.0.action_params.0"],
      [{ name: "x", actions: [{ action_name: "assign_agent", action_params: [] }] }, "actions.0.action_params"],
      [{ name: "", actions: [{ action_name: "resolve_conversation" }] }, "name"],
      [{ name: "x", actions: [] }, "actions"],
      [{ name: "x", visibility: "team", actions: [{ action_name: "resolve_conversation" }] }, "visibility"],
    ];
    const before = ((await call(macrosRoute.GET, { params: p(), token: w.admin.accessToken })).body as { payload: Macro[] }).payload.length;
    for (const [body, field] of cases) {
      const res = await create(w.admin.accessToken, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((res.body as { attributes: string[] }).attributes[0]).toContain(field);
    }
    expect(((await call(macrosRoute.GET, { params: p(), token: w.admin.accessToken })).body as { payload: Macro[] }).payload.length).toBe(before);
    const macro = ((await create(w.agent.accessToken, { name: "ok", actions: [{ action_name: "resolve_conversation" }] })).body as { payload: Macro }).payload;
    const bad = await call(executeRoute.POST, { method: "POST", params: p({ macroId: String(macro.id) }), token: w.agent.accessToken, body: { conversation_ids: "all" } });
    expect([bad.status, (bad.body as { attributes: string[] }).attributes]).toEqual([422, ["conversation_ids"]]);
  });
});
