import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as inboxesRoute from "@/app/api/v1/accounts/[accountId]/inboxes/route";
import * as inboxRoute from "@/app/api/v1/accounts/[accountId]/inboxes/[inboxId]/route";
import * as membersRoute from "@/app/api/v1/accounts/[accountId]/inbox_members/route";
import * as inboxMembersRoute from "@/app/api/v1/accounts/[accountId]/inbox_members/[inboxId]/route";
import * as agentsRoute from "@/app/api/v1/accounts/[accountId]/agents/route";
import * as agentRoute from "@/app/api/v1/accounts/[accountId]/agents/[agentId]/route";
import * as cannedRoute from "@/app/api/v1/accounts/[accountId]/canned_responses/route";
import * as cannedOneRoute from "@/app/api/v1/accounts/[accountId]/canned_responses/[cannedResponseId]/route";
import * as labelsRoute from "@/app/api/v1/accounts/[accountId]/labels/route";
import * as labelRoute from "@/app/api/v1/accounts/[accountId]/labels/[labelId]/route";
import { accountUsers, cannedResponses, inboxes, inboxMembers, labels, users, webWidgets, workingHours } from "@/db/schema";
import type { RouteHandler } from "@/lib/http/with-auth";
import { backends, type TestDatabase } from "@/test/support/db";
import { addMember, buildConversationRow, buildUser, reloadConversation } from "@/test/support/engine-fixtures";
import { buildApiWorld, call, closeApiDatabase, openApiDatabase, type ApiWorld } from "@/test/app-api/support";

type Body = Record<string, unknown>;

/** chatwoot-api.md §1 Inbox, web widget, keys in the view's order (administrator). */
const INBOX_KEYS = [
  "id",
  "avatar_url",
  "channel_id",
  "name",
  "channel_type",
  "greeting_enabled",
  "greeting_message",
  "working_hours_enabled",
  "enable_email_collect",
  "csat_survey_enabled",
  "csat_config",
  "enable_auto_assignment",
  "auto_assignment_config",
  "out_of_office_message",
  "working_hours",
  "timezone",
  "callback_webhook_url",
  "allow_messages_after_resolved",
  "lock_to_single_conversation",
  "sender_name_type",
  "business_name",
  "allowed_domains",
  "widget_color",
  "website_url",
  "hmac_mandatory",
  "welcome_title",
  "welcome_tagline",
  "web_widget_script",
  "website_token",
  "selected_feature_flags",
  "reply_time",
  "hmac_token",
  "pre_chat_form_enabled",
  "pre_chat_form_options",
  "continuity_via_email",
  "messaging_service_sid",
  "phone_number",
  "provider",
];
const AGENT_KEYS = ["id", "account_id", "availability_status", "auto_offline", "confirmed", "email", "provider", "available_name", "name", "role", "thumbnail", "custom_role_id"];

describe.each(backends)("settings Application API on %s (SPEC §8, §10; chatwoot-api.md §B4–B8)", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  beforeAll(async () => {
    t = await openApiDatabase(backend);
    w = await buildApiWorld(t.db);
  });
  afterAll(async () => closeApiDatabase(t));
  const acct = () => ({ accountId: String(w.account.id) });

  /** Every settings table, row by row: "nothing changed" means equal snapshots. */
  async function snapshot() {
    const tables = [inboxes, webWidgets, workingHours, inboxMembers, accountUsers, users, cannedResponses, labels] as const;
    return Promise.all(tables.map((table) => t.db.select().from(table)));
  }

  it("an administrator creates a website inbox: Inbox shape, generated tokens, default week, snippet", async () => {
    const res = await call(inboxesRoute.POST, {
      method: "POST",
      params: acct(),
      token: w.admin.accessToken,
      body: { name: "Website", greeting_enabled: true, greeting_message: "Hi!", channel: { type: "web_widget", website_url: "https://acme.test", widget_color: "#AA3300", welcome_title: "Hello" } },
    });
    expect(res.status).toBe(200);
    const body = res.body as Body;
    expect(Object.keys(body)).toEqual(INBOX_KEYS);
    expect(body).toMatchObject({
      name: "Website",
      channel_type: "Channel::WebWidget",
      widget_color: "#aa3300",
      greeting_message: "Hi!",
      welcome_title: "Hello",
      reply_time: "in_a_few_minutes",
      timezone: "UTC",
    });
    expect(body.website_token).toMatch(/^[1-9A-HJ-NP-Za-km-z]{24}$/);
    expect(body.hmac_token).toMatch(/^[1-9A-HJ-NP-Za-km-z]{24}$/);
    expect(body.selected_feature_flags).toEqual(["attachments", "emoji_picker", "end_conversation"]);
    const week = body.working_hours as Body[];
    expect(week).toHaveLength(7);
    expect(week[0]).toMatchObject({ day_of_week: 0, closed_all_day: true });
    expect(week[1]).toMatchObject({ day_of_week: 1, closed_all_day: false, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 0 });
    expect(body.web_widget_script).toBe(
      `<script>window.parleySettings = { websiteToken: "${String(body.website_token)}", baseUrl: "http://parley.test", widgetColor: "${String(body.widget_color)}" };</script>\n<script async src="http://parley.test/widget.js"></script>`,
    );
  });

  it("updates widget settings, working hours and auto-assignment; agents see their inboxes without hmac_token", async () => {
    const params = { ...acct(), inboxId: String(w.inbox.id) };
    const res = await call(inboxRoute.PATCH, {
      method: "PATCH",
      params,
      token: w.admin.accessToken,
      body: {
        timezone: "Europe/Berlin",
        working_hours_enabled: true,
        out_of_office_message: "Back soon",
        enable_auto_assignment: true,
        auto_assignment_config: { mode: "balanced", max_assignment_limit: 3 },
        working_hours: [{ day_of_week: 2, open_hour: 8, open_minutes: 30, close_hour: 12, close_minutes: 0 }],
        channel: {
          widget_color: "#112233",
          selected_feature_flags: ["emoji_picker"],
          hmac_mandatory: true,
          pre_chat_form_enabled: true,
          pre_chat_form_options: { pre_chat_fields: [{ name: "emailAddress", enabled: true, required: true }] },
        },
      },
    });
    expect(res.status).toBe(200);
    const body = res.body as Body;
    expect(body).toMatchObject({
      timezone: "Europe/Berlin",
      working_hours_enabled: true,
      widget_color: "#112233",
      selected_feature_flags: ["emoji_picker"],
      hmac_mandatory: true,
      pre_chat_form_enabled: true,
    });
    expect(body.auto_assignment_config).toMatchObject({ mode: "balanced", max_assignment_limit: 3, fair_distribution_limit: 100 });
    expect((body.working_hours as Body[])[2]).toMatchObject({ open_hour: 8, open_minutes: 30, close_hour: 12 });
    const fields = (body.pre_chat_form_options as { pre_chat_fields: Body[] }).pre_chat_fields;
    expect(fields.find((f) => f.name === "emailAddress")).toMatchObject({ enabled: true, required: true });

    const asAgent = await call(inboxesRoute.GET, { params: acct(), token: w.agent.accessToken });
    const payload = (asAgent.body as { payload: Body[] }).payload;
    expect(payload.map((i) => i.id)).toEqual([w.inbox.id]);
    expect(payload[0]).not.toHaveProperty("hmac_token");
    expect((await call(inboxRoute.GET, { params: { ...acct(), inboxId: String(w.otherInbox.id) }, token: w.agent.accessToken })).status).toBe(403);
  });

  it("bad time zone, closing before opening and a bad colour are 422 field errors and change nothing", async () => {
    const before = await snapshot();
    const params = { ...acct(), inboxId: String(w.inbox.id) };
    const res = await call(inboxRoute.PATCH, {
      method: "PATCH",
      params,
      token: w.admin.accessToken,
      body: { timezone: "Mars/Olympus", working_hours: [{ day_of_week: 1, open_hour: 17, close_hour: 9 }], channel: { widget_color: "red" } },
    });
    expect(res.status).toBe(422);
    expect(Object.keys((res.body as { errors: Body }).errors).sort()).toEqual(["channel.widget_color", "timezone", "working_hours.0.close_hour"]);
    const noName = await call(inboxesRoute.POST, { method: "POST", params: acct(), token: w.admin.accessToken, body: { channel: { type: "web_widget" } } });
    expect(noName.status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it("inbox members: add, list, replace, remove (A5 functions), an unknown user is 422", async () => {
    const created = (await call(inboxesRoute.POST, { method: "POST", params: acct(), token: w.admin.accessToken, body: { name: "Members", channel: { type: "web_widget" } } })).body as Body;
    const inboxId = created.id as number;
    const added = await call(membersRoute.POST, { method: "POST", params: acct(), token: w.admin.accessToken, body: { inbox_id: inboxId, user_ids: [w.agent.id, w.colleague.id] } });
    expect(added.status).toBe(200);
    const list = (added.body as { payload: Body[] }).payload;
    expect(list.map((a) => a.id).sort()).toEqual([w.agent.id, w.colleague.id].sort());
    expect(Object.keys(list[0]!)).toEqual(AGENT_KEYS);
    const replaced = await call(membersRoute.PATCH, { method: "PATCH", params: acct(), token: w.admin.accessToken, body: { inbox_id: inboxId, user_ids: [w.colleague.id] } });
    expect((replaced.body as { payload: Body[] }).payload.map((a) => a.id)).toEqual([w.colleague.id]);
    const bad = await call(membersRoute.POST, { method: "POST", params: acct(), token: w.admin.accessToken, body: { inbox_id: inboxId, user_ids: [w.strangerAdmin.id] } });
    expect(bad.status).toBe(422);
    expect((await call(membersRoute.DELETE, { method: "DELETE", params: acct(), token: w.admin.accessToken, body: { inbox_id: inboxId, user_ids: [w.colleague.id] } })).text).toBe("");
    const shown = await call(inboxMembersRoute.GET, { params: { ...acct(), inboxId: String(inboxId) }, token: w.admin.accessToken });
    expect(shown.body).toEqual({ payload: [] });
    expect((await call(inboxRoute.DELETE, { method: "DELETE", params: { ...acct(), inboxId: String(inboxId) }, token: w.admin.accessToken })).status).toBe(200);
    expect(await t.db.select().from(inboxes).where(eq(inboxes.id, inboxId))).toEqual([]);
  });

  it("agents: create with role (Agent shape), duplicate email 422, change role, remove from the account", async () => {
    const res = await call(agentsRoute.POST, { method: "POST", params: acct(), token: w.admin.accessToken, body: { agent: { name: "Nina New", email: "Nina@Example.test", role: "administrator" } } });
    expect(res.status).toBe(200);
    const agent = res.body as Body;
    expect(Object.keys(agent)).toEqual(AGENT_KEYS);
    expect(agent).toMatchObject({ name: "Nina New", email: "nina@example.test", role: "administrator", account_id: w.account.id });
    const dup = await call(agentsRoute.POST, { method: "POST", params: acct(), token: w.admin.accessToken, body: { name: "Again", email: "nina@example.test" } });
    expect(dup.status).toBe(422);
    expect((dup.body as Body).attributes).toEqual(["email"]);
    const id = String(agent.id);
    const changed = await call(agentRoute.PATCH, { method: "PATCH", params: { ...acct(), agentId: id }, token: w.admin.accessToken, body: { role: "agent" } });
    expect((changed.body as Body).role).toBe("agent");
    const list = (await call(agentsRoute.GET, { params: acct(), token: w.agent.accessToken })).body as Body[];
    expect(list.map((a) => a.name)).toEqual([...list.map((a) => a.name as string)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect((await call(agentRoute.DELETE, { method: "DELETE", params: { ...acct(), agentId: id }, token: w.admin.accessToken })).status).toBe(200);
    expect(
      await t.db
        .select()
        .from(accountUsers)
        .where(eq(accountUsers.userId, Number(id))),
    ).toEqual([]);
  });

  it("removing an agent returns their open conversations to assignment (A5) and keeps their resolved ones", async () => {
    const leaver = await buildUser(t.db, { accountId: w.account.id, role: "agent", name: "Lee Leaver" });
    await addMember(t.db, { accountId: w.account.id, inboxId: w.inbox.id, userId: leaver.id });
    const open = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id, assigneeId: leaver.id, status: "open" });
    const resolved = await buildConversationRow(t.db, {
      accountId: w.account.id,
      inboxId: w.inbox.id,
      contactId: w.contact.id,
      contactInboxId: w.contactInbox.id,
      assigneeId: leaver.id,
      status: "resolved",
    });
    expect((await call(agentRoute.DELETE, { method: "DELETE", params: { ...acct(), agentId: String(leaver.id) }, token: w.admin.accessToken })).status).toBe(200);
    expect((await reloadConversation(t.db, open.id)).assigneeId).toBeNull();
    expect((await reloadConversation(t.db, resolved.id)).assigneeId).toBe(leaver.id);
    expect(await t.db.select().from(inboxMembers).where(eq(inboxMembers.userId, leaver.id))).toEqual([]);
    // An administrator cannot remove themselves.
    expect((await call(agentRoute.DELETE, { method: "DELETE", params: { ...acct(), agentId: String(w.admin.id) }, token: w.admin.accessToken })).status).toBe(422);
  });

  it("canned responses: create, duplicate short_code is a 422 field error, search ranks short-code matches first", async () => {
    const mk = (short_code: string, content: string) => call(cannedRoute.POST, { method: "POST", params: acct(), token: w.admin.accessToken, body: { short_code, content } });
    const first = await mk("refund", "We sent the money back");
    expect(Object.keys(first.body as Body)).toEqual(["id", "account_id", "short_code", "content", "created_at", "updated_at"]);
    await mk("hello", "Hi, about your refund…");
    const before = await snapshot();
    const dup = await mk("refund", "again");
    expect(dup.status).toBe(422);
    expect((dup.body as { errors: Body }).errors).toEqual({ short_code: ["has already been taken"] });
    expect(await snapshot()).toEqual(before);
    const found = (await call(cannedRoute.GET, { path: "/x?search=refund", params: acct(), token: w.agent.accessToken })).body as Body[];
    expect(found.map((c) => c.short_code)).toEqual(["refund", "hello"]);
    const id = String((first.body as Body).id);
    const edited = await call(cannedOneRoute.PATCH, { method: "PATCH", params: { ...acct(), cannedResponseId: id }, token: w.admin.accessToken, body: { content: "Refunded" } });
    expect((edited.body as Body).content).toBe("Refunded");
  });

  it("labels: title lower-cased, bad title and duplicate are 422, index is {payload} for agents", async () => {
    const res = await call(labelsRoute.POST, { method: "POST", params: acct(), token: w.admin.accessToken, body: { title: "Billing", color: "#FF0000", description: "Money" } });
    expect(res.body).toEqual({ id: expect.any(Number), title: "billing", description: "Money", color: "#ff0000", show_on_sidebar: true });
    const before = await snapshot();
    for (const title of ["b", "has space", "-lead", "billing"]) {
      const bad = await call(labelsRoute.POST, { method: "POST", params: acct(), token: w.admin.accessToken, body: { title } });
      expect(bad.status, title).toBe(422);
      expect((bad.body as Body).attributes).toEqual(["title"]);
    }
    expect(await snapshot()).toEqual(before);
    const index = await call(labelsRoute.GET, { params: acct(), token: w.agent.accessToken });
    expect((index.body as { payload: Body[] }).payload.map((l) => l.title)).toEqual(["billing"]);
  });

  it("every settings write (and the admin-only reads) as an agent is 403 and changes nothing; another account's admin gets 404", async () => {
    const [label] = await t.db.select().from(labels).where(eq(labels.accountId, w.account.id)).limit(1);
    const [canned] = await t.db.select().from(cannedResponses).where(eq(cannedResponses.accountId, w.account.id)).limit(1);
    const inboxP = { ...acct(), inboxId: String(w.inbox.id) };
    const agentP = { ...acct(), agentId: String(w.colleague.id) };
    const cannedP = { ...acct(), cannedResponseId: String(canned!.id) };
    const labelP = { ...acct(), labelId: String(label!.id) };
    const members = { inbox_id: w.inbox.id, user_ids: [w.outsider.id] };
    const cases: [string, RouteHandler | undefined, Record<string, string>, unknown][] = [
      ["POST inboxes", inboxesRoute.POST, acct(), { name: "X", channel: { type: "web_widget" } }],
      ["PATCH inbox", inboxRoute.PATCH, inboxP, { name: "Renamed" }],
      ["PUT inbox", inboxRoute.PUT, inboxP, { name: "Renamed" }],
      ["DELETE inbox", inboxRoute.DELETE, inboxP, undefined],
      ["POST inbox_members", membersRoute.POST, acct(), members],
      ["PATCH inbox_members", membersRoute.PATCH, acct(), members],
      ["DELETE inbox_members", membersRoute.DELETE, acct(), { inbox_id: w.inbox.id, user_ids: [w.agent.id] }],
      ["POST agents", agentsRoute.POST, acct(), { name: "Eve", email: "eve@example.test" }],
      ["PATCH agent", agentRoute.PATCH, agentP, { role: "administrator" }],
      ["PUT agent", agentRoute.PUT, agentP, { role: "administrator" }],
      ["DELETE agent", agentRoute.DELETE, agentP, undefined],
      ["POST canned_responses", cannedRoute.POST, acct(), { short_code: "x", content: "y" }],
      ["PATCH canned_response", cannedOneRoute.PATCH, cannedP, { content: "z" }],
      ["PUT canned_response", cannedOneRoute.PUT, cannedP, { content: "z" }],
      ["DELETE canned_response", cannedOneRoute.DELETE, cannedP, undefined],
      ["POST labels", labelsRoute.POST, acct(), { title: "xx" }],
      ["GET label", labelRoute.GET, labelP, undefined],
      ["PATCH label", labelRoute.PATCH, labelP, { title: "yy" }],
      ["PUT label", labelRoute.PUT, labelP, { title: "yy" }],
      ["DELETE label", labelRoute.DELETE, labelP, undefined],
    ];
    const before = await snapshot();
    for (const [name, handler, params, body] of cases) {
      const method = name.split(" ")[0]!;
      expect((await call(handler, { method, params, body, token: w.agent.accessToken })).status, name).toBe(403);
      expect((await call(handler, { method, params, body, token: w.strangerAdmin.accessToken })).status, name).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });
});
