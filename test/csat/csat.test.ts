import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, csatSurveyResponses, messages } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { createMessage } from "@/lib/messages/create-message";
import { answerCsatSurvey } from "@/lib/csat/answer-survey";
import { answerWidgetMessage } from "@/lib/widget/answer-message";
import { addMember, buildAccount, buildContact, buildContactInbox, buildInbox, buildUser } from "@/test/support/engine-fixtures";
import { backends, type TestDatabase } from "@/test/support/db";
import { apiRequest, callRoute } from "@/test/support/http";
import { call, closeApiDatabase, openApiDatabase } from "@/test/app-api/support";
import * as list from "@/app/api/v1/accounts/[accountId]/csat_survey_responses/route";
import * as metrics from "@/app/api/v1/accounts/[accountId]/csat_survey_responses/metrics/route";
import * as download from "@/app/api/v1/accounts/[accountId]/csat_survey_responses/download/route";
import * as inboxRoute from "@/app/api/v1/accounts/[accountId]/inboxes/[inboxId]/route";
import * as survey from "@/app/public/api/v1/csat_survey/[conversationUuid]/route";

// A day ago, whole seconds: recent enough for the 14-day window, which runs on the real clock.
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000);
const at = (s: number) => new Date(T0.getTime() + s * 1000);

describe.each(backends)("CSAT on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openApiDatabase(backend, { poolMax: 20 });
  });
  afterAll(async () => closeApiDatabase(t));

  async function world({ csat = true } = {}) {
    const db = t.db;
    const account = await buildAccount(db);
    const admin = await buildUser(db, { accountId: account.id, role: "administrator" });
    const agent = await buildUser(db, { accountId: account.id, name: "Xena" });
    const inbox = await buildInbox(db, { accountId: account.id, enableAutoAssignment: false, csatSurveyEnabled: csat });
    await addMember(db, { accountId: account.id, inboxId: inbox.id, userId: agent.id });
    const contact = await buildContact(db, { accountId: account.id, name: "Grace", email: `grace-${account.id}@navy.test` });
    const contactInbox = await buildContactInbox(db, { accountId: account.id, contactId: contact.id, inboxId: inbox.id });
    const open = async (s = 0) => {
      const c = await createConversation(db, { accountId: account.id, inboxId: inbox.id, contactId: contact.id, contactInboxId: contactInbox.id, now: at(s) });
      await db.update(conversations).set({ assigneeId: agent.id }).where(eq(conversations.id, c.id));
      return { ...c, assigneeId: agent.id };
    };
    const status = (conversationId: number, s: "open" | "resolved", secs: number) =>
      toggleConversationStatus(db, { conversationId, input: { status: s }, actor: { type: "user", id: agent.id, role: "agent" }, now: at(secs) });
    const surveys = (conversationId: number) =>
      db
        .select()
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(asc(messages.id))
        .then((ms) => ms.filter((m) => m.contentType === "input_csat"));
    return { account, admin, agent, inbox, contact, contactInbox, open, status, surveys };
  }

  it("resolving sends one rating message (template, input_csat) — not again after a reopening, never when the inbox has it off", async () => {
    const w = await world();
    const c = await w.open();
    await w.status(c.id, "resolved", 60);
    const [sent] = await w.surveys(c.id);
    expect(sent).toMatchObject({ messageType: "template", contentType: "input_csat", content: "Please rate the conversation", private: false, senderType: null });
    await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: "one more thing" }, now: at(120) });
    await w.status(c.id, "resolved", 180);
    expect(await w.surveys(c.id)).toHaveLength(1);

    const off = await world({ csat: false });
    const d = await off.open();
    await off.status(d.id, "resolved", 60);
    expect(await off.surveys(d.id)).toHaveLength(0);
  });

  it("racing resolves send one survey; racing answers leave one response per conversation", async () => {
    const w = await world();
    const c = await w.open();
    await Promise.all(Array.from({ length: 8 }, (_, i) => w.status(c.id, "resolved", 60 + i)));
    const [sent] = await w.surveys(c.id);
    expect(await w.surveys(c.id)).toHaveLength(1);
    await Promise.all([1, 2, 3, 4, 5, 4, 3, 2].map((rating, i) => answerCsatSurvey(t.db, { conversation: c, message: sent!, input: { rating }, now: at(100 + i) })));
    const rows = await t.db.select().from(csatSurveyResponses).where(eq(csatSurveyResponses.conversationId, c.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rating).toBeGreaterThanOrEqual(1);
  });

  it("the visitor rates in the widget, changes it, and the 15th day is too late", async () => {
    const w = await world();
    const c = await w.open();
    await w.status(c.id, "resolved", 60);
    const [sent] = await w.surveys(c.id);
    const answer = (rating: number, feedback_message?: string) =>
      answerWidgetMessage(t.db, { inbox: w.inbox, contactInbox: w.contactInbox, messageId: sent!.id, body: { message: { submitted_values: { csat_survey_response: { rating, feedback_message } } } } });
    await answer(2, "slow");
    await answer(4, "better on reflection");
    const rows = await t.db.select().from(csatSurveyResponses).where(eq(csatSurveyResponses.conversationId, c.id));
    expect(rows).toMatchObject([{ rating: 4, feedbackMessage: "better on reflection", assignedAgentId: w.agent.id, contactId: w.contact.id, messageId: sent!.id }]);
    const [stored] = await t.db.select().from(messages).where(eq(messages.id, sent!.id));
    expect(stored!.contentAttributes.submitted_values).toEqual({ csat_survey_response: { rating: 4, feedback_message: "better on reflection" } });
    await t.db
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 15 * 86_400_000) })
      .where(eq(messages.id, sent!.id));
    await expect(answer(5)).rejects.toMatchObject({ code: "validation", message: "You cannot update the CSAT survey after 14 days" });
  });

  it("the public survey page's API: GET shows the survey, PATCH answers it; an unknown uuid or a conversation without a survey is 404", async () => {
    const w = await world();
    const c = await w.open();
    const noSurvey = await w.open(5);
    await w.status(c.id, "resolved", 60);
    const path = (uuid: string) => `/public/api/v1/csat_survey/${uuid}`;
    const get = async (uuid: string) => {
      const res = await callRoute(survey.GET, await apiRequest(path(uuid)), { conversationUuid: uuid });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const patch = async (uuid: string, body: unknown) => {
      const res = await callRoute(survey.PATCH, await apiRequest(path(uuid), { method: "PATCH", body }), { conversationUuid: uuid });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await get(c.uuid)).toMatchObject({ status: 200, body: { csat_survey_response: null, content: "Please rate the conversation", inbox_name: w.inbox.name, conversation_id: c.displayId } });
    expect(await patch(c.uuid, { message: { submitted_values: { csat_survey_response: { rating: 5, feedback_message: "lovely" } } } })).toMatchObject({
      status: 200,
      body: { csat_survey_response: { rating: 5, feedback_message: "lovely" } },
    });
    expect((await patch(c.uuid, { message: { submitted_values: { csat_survey_response: { rating: 0 } } } })).status).toBe(422);
    expect((await get(noSurvey.uuid)).status).toBe(404);
    expect((await get("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await get("not-a-uuid")).status).toBe(404);
  });

  it("the account's list (filters), metrics with the response rate, and the CSV; administrators only", async () => {
    const w = await world();
    const ratings = [5, 4, 1];
    for (const [i, rating] of ratings.entries()) {
      const c = await w.open(i * 10);
      await w.status(c.id, "resolved", 1000 + i);
      const [sent] = await w.surveys(c.id);
      await answerCsatSurvey(t.db, { conversation: c, message: sent!, input: { rating, feedback_message: i === 2 ? '=HYPERLINK("x")' : `r${rating}` }, now: at(2000 + i) });
    }
    const unanswered = await w.open(50);
    await w.status(unanswered.id, "resolved", 1100);

    const q = (query: string, token = w.admin.accessToken) => ({ path: `/api/v1/accounts/${w.account.id}/csat_survey_responses?${query}`, params: { accountId: String(w.account.id) }, token });
    const all = await call(list.GET, q(""));
    expect(all.status).toBe(200);
    const rows = all.body as Record<string, unknown>[];
    expect(rows.map((r) => r.rating)).toEqual([1, 4, 5]); // newest first
    expect(rows[0]).toMatchObject({ feedback_message: '=HYPERLINK("x")', account_id: w.account.id, contact: { id: w.contact.id, name: "Grace" }, assigned_agent: { id: w.agent.id, name: "Xena" } });
    expect(((await call(list.GET, q("rating[]=4&rating[]=5"))).body as unknown[]).length).toBe(2);
    expect(((await call(list.GET, q(`user_ids[]=${w.admin.id}`))).body as unknown[]).length).toBe(0);
    expect(((await call(list.GET, q(`inbox_id=${w.inbox.id}&since=${T0.getTime() / 1000 + 2001}`))).body as unknown[]).length).toBe(2);

    expect((await call(metrics.GET, q(""))).body).toEqual({ total_count: 3, ratings_count: { "1": 1, "4": 1, "5": 1 }, total_sent_messages_count: 4, response_rate: 75 });

    const req = await apiRequest(`/api/v1/accounts/${w.account.id}/csat_survey_responses/download`, { token: w.admin.accessToken });
    const res = await callRoute(download.GET, req, { accountId: String(w.account.id) });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe("Agent name,Rating,Feedback,Contact name,Contact email address,Contact phone number,Link to the conversation,Recorded at");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`Xena (${w.agent.email}),1,"'=HYPERLINK(""x"")",Grace,`);

    expect((await call(list.GET, q("", w.agent.accessToken))).status).toBe(403);
    expect((await call(metrics.GET, q("rating=7"))).status).toBe(422);
    expect((await call(metrics.GET, q(`since=${T0.getTime() / 1000}&until=${T0.getTime() / 1000 - 1}`))).body).toMatchObject({ attributes: ["until"] });
  });

  it("csat_survey_enabled is an inbox setting administrators change through the inbox API, and the inbox JSON shows it", async () => {
    const w = await world({ csat: false });
    const path = `/api/v1/accounts/${w.account.id}/inboxes/${w.inbox.id}`;
    const params = { accountId: String(w.account.id), inboxId: String(w.inbox.id) };
    expect(await call(inboxRoute.PATCH, { method: "PATCH", path, params, token: w.admin.accessToken, body: { csat_survey_enabled: true } })).toMatchObject({
      status: 200,
      body: { csat_survey_enabled: true },
    });
    expect((await call(inboxRoute.GET, { path, params, token: w.admin.accessToken })).body).toMatchObject({ csat_survey_enabled: true });
    expect((await call(inboxRoute.PATCH, { method: "PATCH", path, params, token: w.admin.accessToken, body: { csat_survey_enabled: "yes" } })).status).toBe(422);
    const c = await w.open();
    await w.status(c.id, "resolved", 60);
    expect(await w.surveys(c.id)).toHaveLength(1);
  });
});
