import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, teams } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { createMessage } from "@/lib/messages/create-message";
import { foldAllEventRollups } from "@/lib/reports/event-rollup";
import { foldAllMessageRollups } from "@/lib/reports/message-rollup";
import { addMember, buildAccount, buildContact, buildContactInbox, buildInbox, buildLabel, buildUser } from "@/test/support/engine-fixtures";
import { backends, type TestDatabase } from "@/test/support/db";
import { apiRequest, callRoute } from "@/test/support/http";
import type { RouteHandler } from "@/lib/http/with-auth";
import { call, closeApiDatabase, openApiDatabase } from "@/test/app-api/support";
import * as series from "@/app/api/v2/accounts/[accountId]/reports/route";
import * as summary from "@/app/api/v2/accounts/[accountId]/reports/summary/route";
import * as live from "@/app/api/v2/accounts/[accountId]/reports/conversations/route";
import * as agentsCsv from "@/app/api/v2/accounts/[accountId]/reports/agents/route";
import * as labelsCsv from "@/app/api/v2/accounts/[accountId]/reports/labels/route";
import * as agentTable from "@/app/api/v2/accounts/[accountId]/summary_reports/agent/route";
import * as inboxTable from "@/app/api/v2/accounts/[accountId]/summary_reports/inbox/route";
import * as labelTable from "@/app/api/v2/accounts/[accountId]/summary_reports/label/route";
import * as teamTable from "@/app/api/v2/accounts/[accountId]/summary_reports/team/route";

/**
 * The scripted scenario (docs/reports.md), with figures known in advance:
 * - #1 in "Website" (New York, Mon–Fri 09:00–17:00), assigned to Xena, label billing: created Mon 2 March
 *   16:30 New York (21:30Z); Xena answers Tue 09:30 (17 h, 1 h of it in business hours) and resolves
 *   at 10:30 (18 h, 2 h in business hours).
 * - #2 in "API" (no working hours: always open), assigned to Yuri, held by the team "Tier 2": created
 *   Tue 23:50Z — Wednesday on a UTC+1 clock; first response after 20 min, a reply after 5 min,
 *   resolved 40 min after creation.
 * - #3 open, unassigned, unanswered, created after the range (live counts only).
 */
const MON = Date.UTC(2026, 2, 2) / 1000;
const DAY = 86_400;
const H = 3600;
const s = (iso: string) => new Date(iso);

describe.each(backends)("v2 reports on %s", (backend) => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof scenario>>;
  beforeAll(async () => {
    t = await openApiDatabase(backend, { poolMax: 20 });
    w = await scenario(t);
  }, 60_000);
  afterAll(async () => closeApiDatabase(t));

  async function scenario(t: TestDatabase) {
    const db = t.db;
    const account = await buildAccount(db, "Reports Inc");
    const admin = await buildUser(db, { accountId: account.id, role: "administrator", name: "Ada Admin" });
    const xena = await buildUser(db, { accountId: account.id, name: "Xena" });
    const yuri = await buildUser(db, { accountId: account.id, name: "=Yuri" }); // a formula-looking name, for the CSV
    const website = await buildInbox(db, { accountId: account.id, name: "Website", workingHoursEnabled: true, timezone: "America/New_York", enableAutoAssignment: false });
    const api = await buildInbox(db, { accountId: account.id, name: "API", enableAutoAssignment: false, schedule: [] });
    await addMember(db, { accountId: account.id, inboxId: website.id, userId: xena.id });
    await addMember(db, { accountId: account.id, inboxId: api.id, userId: yuri.id });
    const billing = await buildLabel(db, { accountId: account.id, title: "billing" });
    await buildLabel(db, { accountId: account.id, title: "unused" });
    const contact = await buildContact(db, { accountId: account.id });
    const ciWebsite = await buildContactInbox(db, { accountId: account.id, contactId: contact.id, inboxId: website.id });
    const ciApi = await buildContactInbox(db, { accountId: account.id, contactId: contact.id, inboxId: api.id });
    const visitor = { type: "contact" as const, id: contact.id };

    const c1 = await createConversation(db, { accountId: account.id, inboxId: website.id, contactId: contact.id, contactInboxId: ciWebsite.id, now: s("2026-03-02T21:30:00Z") });
    await db
      .update(conversations)
      .set({ assigneeId: xena.id, labels: ["billing"] })
      .where(eq(conversations.id, c1.id));
    await createMessage(db, { conversationId: c1.id, sender: visitor, input: { content: "my invoice" }, now: s("2026-03-02T21:30:10Z") });
    await createMessage(db, { conversationId: c1.id, sender: { type: "user", id: xena.id }, input: { content: "on it" }, now: s("2026-03-03T14:30:00Z") });
    await toggleConversationStatus(db, { conversationId: c1.id, input: { status: "resolved" }, actor: { type: "user", id: xena.id, role: "agent" }, now: s("2026-03-03T15:30:00Z") });

    const c2 = await createConversation(db, { accountId: account.id, inboxId: api.id, contactId: contact.id, contactInboxId: ciApi.id, now: s("2026-03-03T23:50:00Z") });
    const [tier2] = await db.insert(teams).values({ accountId: account.id, name: "Tier 2" }).returning();
    const [idle] = await db.insert(teams).values({ accountId: account.id, name: "Idle team" }).returning();
    await db.update(conversations).set({ assigneeId: yuri.id, teamId: tier2!.id }).where(eq(conversations.id, c2.id));
    await createMessage(db, { conversationId: c2.id, sender: visitor, input: { content: "hello" }, now: s("2026-03-03T23:50:00Z") });
    await createMessage(db, { conversationId: c2.id, sender: { type: "user", id: yuri.id }, input: { content: "hi" }, now: s("2026-03-04T00:10:00Z") });
    await createMessage(db, { conversationId: c2.id, sender: visitor, input: { content: "and?" }, now: s("2026-03-04T00:20:00Z") });
    await createMessage(db, { conversationId: c2.id, sender: { type: "user", id: yuri.id }, input: { content: "done" }, now: s("2026-03-04T00:25:00Z") });
    await toggleConversationStatus(db, { conversationId: c2.id, input: { status: "resolved" }, actor: { type: "user", id: yuri.id, role: "agent" }, now: s("2026-03-04T00:30:00Z") });

    await createConversation(db, { accountId: account.id, inboxId: website.id, contactId: contact.id, contactInboxId: ciWebsite.id, now: s("2026-03-05T12:00:00Z") });

    const stranger = await buildAccount(db, "Globex");
    const strangerAdmin = await buildUser(db, { accountId: stranger.id, role: "administrator" });
    const strangerInbox = await buildInbox(db, { accountId: stranger.id, enableAutoAssignment: false });
    const [strangerTeam] = await db.insert(teams).values({ accountId: stranger.id, name: "Tier 2" }).returning();
    return { account, admin, xena, yuri, website, api, billing, tier2: tier2!, idle: idle!, stranger, strangerAdmin, strangerInbox, strangerTeam: strangerTeam! };
  }

  const get = (route: { GET?: Parameters<typeof call>[0] }, query: Record<string, string | number>, token = w.admin.accessToken, accountId = w.account.id) =>
    call(route.GET, { path: `/api/v2/accounts/${accountId}/reports?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`, params: { accountId: String(accountId) }, token });
  const RANGE = { since: MON, until: MON + 3 * DAY };

  const expected = {
    conversations_count: 2,
    incoming_messages_count: 3,
    outgoing_messages_count: 3,
    avg_first_response_time: (17 * H + 1200) / 2,
    avg_resolution_time: (18 * H + 2400) / 2,
    resolutions_count: 2,
    reply_time: 300,
  };
  const empty = { conversations_count: 0, incoming_messages_count: 0, outgoing_messages_count: 0, avg_first_response_time: null, avg_resolution_time: null, resolutions_count: 0, reply_time: null };

  it("summary: exact figures and the previous period, from raw messages and events and again from the rollups", async () => {
    const before = await get(summary, RANGE);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ ...expected, previous: empty });
    await foldAllMessageRollups(t.db);
    await foldAllEventRollups(t.db);
    expect((await get(summary, RANGE)).body).toEqual({ ...expected, previous: empty });
  });

  it("summary in business hours: only the inbox's working time counts (the API inbox has none configured, so it is always open)", async () => {
    const r = await get(summary, { ...RANGE, business_hours: "true" });
    expect(r.body).toMatchObject({ avg_first_response_time: (H + 1200) / 2, avg_resolution_time: (2 * H + 2400) / 2, reply_time: 300 });
  });

  it("summary of a range starting 5 s after #1 was created: #1 is not counted, its visitor's message (at +10 s) is", async () => {
    const r = await get(summary, { since: MON + 21 * H + 30 * 60 + 5, until: MON + 3 * DAY });
    expect(r.body).toMatchObject({ conversations_count: 1, incoming_messages_count: 3, outgoing_messages_count: 3 });
  });

  it("summary per agent, inbox, label and team", async () => {
    expect((await get(summary, { ...RANGE, type: "agent", id: w.xena.id })).body).toMatchObject({
      conversations_count: 1,
      incoming_messages_count: 0,
      outgoing_messages_count: 1,
      avg_first_response_time: 17 * H,
      avg_resolution_time: 18 * H,
      resolutions_count: 1,
      reply_time: null,
    });
    expect((await get(summary, { ...RANGE, type: "inbox", id: w.api.id })).body).toMatchObject({
      conversations_count: 1,
      incoming_messages_count: 2,
      outgoing_messages_count: 2,
      avg_first_response_time: 1200,
      avg_resolution_time: 2400,
      resolutions_count: 1,
      reply_time: 300,
    });
    expect((await get(summary, { ...RANGE, type: "label", id: w.billing.id })).body).toMatchObject({
      conversations_count: 1,
      incoming_messages_count: 1,
      outgoing_messages_count: 1,
      avg_first_response_time: 17 * H,
    });
    expect((await get(summary, { ...RANGE, type: "team", id: w.tier2.id })).body).toMatchObject({
      conversations_count: 1,
      incoming_messages_count: 2,
      outgoing_messages_count: 2,
      avg_first_response_time: 1200,
      avg_resolution_time: 2400,
      resolutions_count: 1,
      reply_time: 300,
    });
    expect((await get(series, { ...RANGE, metric: "incoming_messages_count", type: "team", id: w.tier2.id })).body).toEqual([
      { value: 0, timestamp: MON },
      { value: 1, timestamp: MON + DAY },
      { value: 1, timestamp: MON + 2 * DAY },
    ]);
  });

  it("series by day: UTC puts #2 on Tuesday, a UTC+1 clock on Wednesday; averages carry their count", async () => {
    expect((await get(series, { ...RANGE, metric: "conversations_count" })).body).toEqual([
      { value: 1, timestamp: MON },
      { value: 1, timestamp: MON + DAY },
      { value: 0, timestamp: MON + 2 * DAY },
    ]);
    expect((await get(series, { ...RANGE, metric: "conversations_count", timezone_offset: 1 })).body).toEqual([
      { value: 1, timestamp: MON - H },
      { value: 0, timestamp: MON + DAY - H },
      { value: 1, timestamp: MON + 2 * DAY - H },
      { value: 0, timestamp: MON + 3 * DAY - H },
    ]);
    expect((await get(series, { ...RANGE, metric: "avg_first_response_time" })).body).toEqual([
      { value: 0, timestamp: MON, count: 0 },
      { value: 17 * H, timestamp: MON + DAY, count: 1 },
      { value: 1200, timestamp: MON + 2 * DAY, count: 1 },
    ]);
    expect((await get(series, { ...RANGE, metric: "incoming_messages_count", timezone_offset: -5 })).body).toEqual([
      { value: 0, timestamp: MON + 5 * H - DAY }, // the range starts on Sunday 19:00 in UTC−5
      { value: 1, timestamp: MON + 5 * H },
      { value: 2, timestamp: MON + 5 * H + DAY }, // 23:50Z and 00:20Z are both Tuesday evening there
      { value: 0, timestamp: MON + 5 * H + 2 * DAY },
    ]);
    expect((await get(series, { ...RANGE, metric: "resolutions_count", group_by: "week" })).body).toEqual([{ value: 2, timestamp: MON - DAY }]);
  });

  it("per-entity tables (summary_reports): every agent, inbox, label and team of the account", async () => {
    const agents = (await get(agentTable, RANGE)).body as { id: number }[];
    expect(agents.find((a) => a.id === w.xena.id)).toEqual({
      id: w.xena.id,
      conversations_count: 1,
      resolved_conversations_count: 1,
      avg_resolution_time: 18 * H,
      avg_first_response_time: 17 * H,
      avg_reply_time: null,
    });
    expect(agents.find((a) => a.id === w.yuri.id)).toEqual({
      id: w.yuri.id,
      conversations_count: 1,
      resolved_conversations_count: 1,
      avg_resolution_time: 2400,
      avg_first_response_time: 1200,
      avg_reply_time: 300,
    });
    expect(agents.find((a) => a.id === w.admin.id)).toEqual({
      id: w.admin.id,
      conversations_count: 0,
      resolved_conversations_count: 0,
      avg_resolution_time: null,
      avg_first_response_time: null,
      avg_reply_time: null,
    });
    const inboxes = (await get(inboxTable, { ...RANGE, business_hours: "true" })).body as { id: number }[];
    expect(inboxes.find((i) => i.id === w.website.id)).toEqual({
      id: w.website.id,
      conversations_count: 1,
      resolved_conversations_count: 1,
      avg_resolution_time: 2 * H,
      avg_first_response_time: H,
      avg_reply_time: null,
    });
    expect((await get(labelTable, RANGE)).body).toEqual([
      { id: w.billing.id, name: "billing", conversations_count: 1, resolved_conversations_count: 1, avg_resolution_time: 18 * H, avg_first_response_time: 17 * H, avg_reply_time: null },
      { id: expect.any(Number), name: "unused", conversations_count: 0, resolved_conversations_count: 0, avg_resolution_time: null, avg_first_response_time: null, avg_reply_time: null },
    ]);
    expect((await get(teamTable, RANGE)).body).toEqual([
      { id: w.idle.id, conversations_count: 0, resolved_conversations_count: 0, avg_resolution_time: null, avg_first_response_time: null, avg_reply_time: null },
      { id: w.tier2.id, conversations_count: 1, resolved_conversations_count: 1, avg_resolution_time: 2400, avg_first_response_time: 1200, avg_reply_time: 300 },
    ]);
  });

  const csv = async (route: { GET?: RouteHandler }, query: Record<string, string | number>) => {
    const req = await apiRequest(`/api/v2/accounts/${w.account.id}/reports/x?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`, { token: w.admin.accessToken });
    const res = await callRoute(route.GET!, req, { accountId: String(w.account.id) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  it("CSV downloads: text/csv with the period, a header and one quoted row per entity; formula-looking cells are defused", async () => {
    const r = await csv(agentsCsv, RANGE);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(r.headers.get("content-disposition")).toBe("attachment; filename=agents_report.csv");
    const lines = r.text.trim().split("\n");
    expect(lines[0]).toBe("Reporting period 2026-03-02 to 2026-03-05");
    expect(lines[2]).toBe("Agent name,Conversations count,Avg first response time,Avg resolution time,Avg customer waiting time,Resolution count");
    expect(lines).toContain("Xena,1,17 Hours,18 Hours,,1");
    expect(lines).toContain("'=Yuri,1,20 Minutes,40 Minutes,5 Minutes,1");
    expect((await csv(labelsCsv, RANGE)).text).toContain("billing,1,17 Hours,18 Hours,,1");
  });

  it("live counts: open, unattended, unassigned, pending for the account and open/unattended per agent", async () => {
    expect((await get(live, { type: "account" })).body).toEqual({ open: 1, unattended: 1, unassigned: 1, pending: 0 });
    const perAgent = (await get(live, { type: "agent" })).body as { id: number; metric: unknown; availability: string }[];
    expect(perAgent.find((a) => a.id === w.xena.id)).toMatchObject({ name: "Xena", metric: { open: 0, unattended: 0 } });
    expect((await get(live, { type: "agent", user_id: w.strangerAdmin.id })).status).toBe(422);
  });

  it("administrators only: an agent gets 403, another account's administrator 404", async () => {
    for (const route of [summary, series, live, agentTable, agentsCsv]) {
      expect((await get(route, { ...RANGE, metric: "conversations_count", type: "account" }, w.xena.accessToken)).status).toBe(403);
      expect((await get(route, { ...RANGE, metric: "conversations_count", type: "account" }, w.strangerAdmin.accessToken)).status).toBe(404);
    }
  });

  it("bad input is a 422 naming the field", async () => {
    const refused = async (route: Parameters<typeof get>[0], q: Record<string, string | number>) => {
      const r = await get(route, q);
      expect(r.status, r.text).toBe(422);
      const body = r.body as { attributes: string[]; errors: Record<string, string[]> };
      return { fields: body.attributes, errors: body.errors };
    };
    expect(await refused(summary, { since: MON + DAY, until: MON })).toEqual({ fields: ["until"], errors: { until: ["must be after since"] } });
    expect(await refused(series, { since: MON - 400 * DAY, until: MON, metric: "conversations_count" })).toEqual({
      fields: ["until"],
      errors: { until: ["is more than 366 days after since for day buckets"] },
    });
    expect((await refused(series, { since: MON - 40 * DAY, until: MON, metric: "conversations_count", group_by: "hour" })).fields).toEqual(["until"]);
    expect((await refused(series, { ...RANGE, metric: "happiness" })).fields).toEqual(["metric"]);
    expect((await refused(series, { ...RANGE, metric: "reply_time", group_by: "fortnight" })).fields).toEqual(["group_by"]);
    expect((await refused(summary, { ...RANGE, type: "galaxy" })).fields).toEqual(["type"]);
    expect(await refused(summary, { ...RANGE, type: "inbox", id: w.strangerInbox.id })).toEqual({ fields: ["id"], errors: { id: ["is not an inbox of this account"] } });
    expect((await refused(summary, { ...RANGE, type: "agent", id: w.strangerAdmin.id })).fields).toEqual(["id"]);
    expect((await refused(summary, { ...RANGE, type: "inbox" })).fields).toEqual(["id"]);
    expect(await refused(summary, { ...RANGE, type: "team", id: w.strangerTeam.id })).toEqual({ fields: ["id"], errors: { id: ["is not a team of this account"] } });
    expect((await refused(series, { ...RANGE, metric: "reply_time", timezone_offset: "5.1" })).fields).toEqual(["timezone_offset"]);
    expect((await refused(series, { ...RANGE, metric: "reply_time", business_hours: "maybe" })).fields).toEqual(["business_hours"]);
    expect((await refused(summary, { until: MON })).fields).toEqual(["since"]);
    expect((await refused(agentTable, { since: "yesterday", until: MON })).fields).toEqual(["since"]);
    expect((await refused(live, {})).fields).toEqual(["type"]);
  });
});
