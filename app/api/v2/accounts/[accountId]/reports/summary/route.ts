// GET /api/v2/accounts/{account_id}/reports/summary – the range's figures and the previous period's (administrators)
import { withAccount } from "@/lib/http/with-auth";
import { summaryQuerySchema } from "@/lib/reports/report-params";
import { reportSummary } from "@/lib/reports/reports";

export const GET = withAccount(async ({ db, account, query }) => Response.json(await reportSummary(db, account.id, query)), { query: summaryQuerySchema, role: "administrator" });
