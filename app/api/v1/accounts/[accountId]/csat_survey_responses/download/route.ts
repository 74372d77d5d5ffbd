// GET /api/v1/accounts/{account_id}/csat_survey_responses/download – the filtered CSAT answers as CSV (administrators)
import { withAccount } from "@/lib/http/with-auth";
import { csatCsv, csatQuerySchema } from "@/lib/csat/csat-responses";
import { requestOrigin } from "@/lib/http/settings-params";

export const GET = withAccount(
  async ({ req, db, account, query }) =>
    new Response(await csatCsv(db, account.id, query, requestOrigin(req)), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": "attachment; filename=csat_report.csv" },
    }),
  { query: csatQuerySchema, role: "administrator" },
);
