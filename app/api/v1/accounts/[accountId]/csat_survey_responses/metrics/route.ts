// GET /api/v1/accounts/{account_id}/csat_survey_responses/metrics – total responses, responses per rating, surveys sent and the response rate (administrators)
import { withAccount } from "@/lib/http/with-auth";
import { csatMetrics, csatQuerySchema } from "@/lib/csat/csat-responses";

export const GET = withAccount(async ({ db, account, query }) => Response.json(await csatMetrics(db, account.id, query)), { query: csatQuerySchema, role: "administrator" });
