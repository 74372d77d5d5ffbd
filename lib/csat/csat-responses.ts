import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { contacts, conversations, csatSurveyResponses, messages } from "@/db/schema";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { loadAppContacts } from "@/lib/presenters/app-contact";

const id = z
  .string()
  .regex(/^\d{1,9}$/, "must be an id")
  .transform(Number);
const ids = z.union([id, z.array(id).max(100, "is too long (maximum is 100 ids)")]).transform((v) => (Array.isArray(v) ? v : [v]));
const unix = z
  .string()
  .regex(/^\d{1,11}$/, "must be Unix seconds")
  .transform(Number);

/** Chatwoot's filters: created_at range, assigned agents, inbox, ratings; 25 a page. */
export const csatQuerySchema = z
  .object({
    since: unix.optional(),
    until: unix.optional(),
    user_ids: ids.optional(),
    inbox_id: id.optional(),
    rating: z
      .union([z.enum(["1", "2", "3", "4", "5"], { error: "must be 1 to 5" }), z.array(z.enum(["1", "2", "3", "4", "5"], { error: "must be 1 to 5" })).max(5)])
      .transform((v) => (Array.isArray(v) ? v : [v]).map(Number))
      .optional(),
    page: z
      .string()
      .regex(/^\d{1,6}$/, "must be a page number")
      .transform(Number)
      .refine((n) => n >= 1, "must be 1 or more")
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.since !== undefined && v.until !== undefined && v.until <= v.since) ctx.addIssue({ code: "custom", path: ["until"], message: "must be after since" });
  });
export type CsatQuery = z.output<typeof csatQuerySchema>;

export const CSAT_PAGE_SIZE = 25;

function filters(accountId: number, q: CsatQuery): SQL {
  const where: (SQL | undefined)[] = [eq(csatSurveyResponses.accountId, accountId)];
  if (q.since !== undefined) where.push(gte(csatSurveyResponses.createdAt, new Date(q.since * 1000)));
  if (q.until !== undefined) where.push(lt(csatSurveyResponses.createdAt, new Date(q.until * 1000)));
  if (q.user_ids?.length) where.push(inArray(csatSurveyResponses.assignedAgentId, q.user_ids));
  if (q.rating?.length) where.push(inArray(csatSurveyResponses.rating, q.rating));
  if (q.inbox_id !== undefined) where.push(eq(conversations.inboxId, q.inbox_id));
  return and(...where)!;
}

async function rows(db: Db, accountId: number, q: CsatQuery, page?: number) {
  const query = db
    .select({ response: csatSurveyResponses, displayId: conversations.displayId, contact: contacts })
    .from(csatSurveyResponses)
    .innerJoin(conversations, eq(conversations.id, csatSurveyResponses.conversationId))
    .innerJoin(contacts, eq(contacts.id, csatSurveyResponses.contactId))
    .where(filters(accountId, q))
    .orderBy(desc(csatSurveyResponses.createdAt), desc(csatSurveyResponses.id));
  return page === undefined ? query : query.limit(CSAT_PAGE_SIZE).offset((page - 1) * CSAT_PAGE_SIZE);
}

/** GET /api/v1/accounts/:id/csat_survey_responses: Chatwoot's `_csat_survey_response`, newest first. */
export async function listCsatResponses(db: Db, accountId: number, q: CsatQuery): Promise<Record<string, unknown>[]> {
  const found = await rows(db, accountId, q, q.page ?? 1);
  const [people, agents] = await Promise.all([
    loadAppContacts(
      db,
      found.map((r) => r.contact),
      { withContactInboxes: false },
    ),
    listAgentsByAccount(db, { accountId }),
  ]);
  const agentById = new Map(agents.map((a) => [a.id, a]));
  return found.map((r, i) => ({
    id: r.response.id,
    rating: r.response.rating,
    feedback_message: r.response.feedbackMessage,
    account_id: r.response.accountId,
    message_id: r.response.messageId,
    contact: people[i],
    conversation_id: r.displayId,
    ...(r.response.assignedAgentId !== null && agentById.has(r.response.assignedAgentId) && { assigned_agent: agentById.get(r.response.assignedAgentId) }),
    created_at: Math.floor(r.response.createdAt.getTime() / 1000),
  }));
}

/**
 * GET …/csat_survey_responses/metrics: responses (`total_count`), per rating (`ratings_count`), rating
 * messages sent in the range (`total_sent_messages_count`) and `response_rate` (responses ÷ sent, in %,
 * one decimal; Chatwoot's dashboard computes it — Parley sends it too).
 */
export async function csatMetrics(db: Db, accountId: number, q: CsatQuery) {
  const byRating = await db
    .select({ rating: csatSurveyResponses.rating, n: sql<string>`count(*)` })
    .from(csatSurveyResponses)
    .innerJoin(conversations, eq(conversations.id, csatSurveyResponses.conversationId))
    .where(filters(accountId, q))
    .groupBy(csatSurveyResponses.rating);
  const sentWhere = [sql`m.account_id = ${accountId}`, sql`m.content_type = 'input_csat'`];
  if (q.since !== undefined) sentWhere.push(sql`m.created_at >= ${new Date(q.since * 1000)}`);
  if (q.until !== undefined) sentWhere.push(sql`m.created_at < ${new Date(q.until * 1000)}`);
  if (q.inbox_id !== undefined) sentWhere.push(sql`m.inbox_id = ${q.inbox_id}`);
  const [sent] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from ${messages} m where ${sql.join(sentWhere, sql` and `)}`);
  const ratings_count = Object.fromEntries(byRating.sort((a, b) => a.rating - b.rating).map((r) => [String(r.rating), Number(r.n)]));
  const total_count = byRating.reduce((s, r) => s + Number(r.n), 0);
  const total_sent_messages_count = Number(sent?.n ?? 0);
  return { total_count, ratings_count, total_sent_messages_count, response_rate: total_sent_messages_count ? Math.round((total_count / total_sent_messages_count) * 1000) / 10 : 0 };
}

const FORMULA = /^[=+\-@\t\r]/;
const safe = (v: string | number | null) => (typeof v === "string" && FORMULA.test(v) ? `'${v}` : (v ?? ""));

/** GET …/csat_survey_responses/download: Chatwoot's csat_report.csv columns. */
export async function csatCsv(db: Db, accountId: number, q: CsatQuery, origin: string): Promise<string> {
  const found = await rows(db, accountId, q);
  const agents = new Map((await listAgentsByAccount(db, { accountId })).map((a) => [a.id, a]));
  const header = ["Agent name", "Rating", "Feedback", "Contact name", "Contact email address", "Contact phone number", "Link to the conversation", "Recorded at"];
  const body = found.map((r) => {
    const agent = r.response.assignedAgentId === null ? undefined : agents.get(r.response.assignedAgentId);
    return [
      agent ? `${agent.name} (${agent.email})` : null,
      r.response.rating,
      r.response.feedbackMessage,
      r.contact.name,
      r.contact.email,
      r.contact.phoneNumber,
      `${origin}/app/accounts/${accountId}/conversations/${r.displayId}`,
      r.response.createdAt.toISOString(),
    ];
  });
  return stringify([header, ...body].map((row) => row.map(safe)));
}
