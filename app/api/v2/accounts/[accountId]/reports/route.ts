// GET /api/v2/accounts/{account_id}/reports – one metric per hour/day/week/month/year bucket in the caller's time zone (administrators)
import { withAccount } from "@/lib/http/with-auth";
import { seriesQuerySchema } from "@/lib/reports/report-params";
import { reportSeries } from "@/lib/reports/reports";

export const GET = withAccount(async ({ db, account, query }) => Response.json(await reportSeries(db, account.id, query)), { query: seriesQuerySchema, role: "administrator" });
