// GET /api/v2/accounts/{account_id}/reports/teams – the per-team table as CSV, header only (Parley has no teams yet) (administrators)
import { tableCsvRoute } from "@/lib/reports/report-routes";

export const GET = tableCsvRoute("team");
