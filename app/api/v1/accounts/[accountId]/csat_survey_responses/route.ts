// GET /api/v1/accounts/{account_id}/csat_survey_responses – the account's CSAT answers, newest first, 25 a page; filters since/until, user_ids, inbox_id, rating (administrators)
import { withAccount } from "@/lib/http/with-auth";
import { csatQuerySchema, listCsatResponses } from "@/lib/csat/csat-responses";

export const GET = withAccount(async ({ db, account, query }) => Response.json(await listCsatResponses(db, account.id, query)), { query: csatQuerySchema, role: "administrator" });
