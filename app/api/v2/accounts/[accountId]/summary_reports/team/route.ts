// GET /api/v2/accounts/{account_id}/summary_reports/team – per-team table (always empty: Parley has no teams yet) (administrators)
import { summaryTableRoute } from "@/lib/reports/report-routes";

export const GET = summaryTableRoute("team");
