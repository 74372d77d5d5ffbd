// GET /api/v2/accounts/{account_id}/summary_reports/label – per-label conversations, resolutions and average times for a range (administrators)
import { summaryTableRoute } from "@/lib/reports/report-routes";

export const GET = summaryTableRoute("label");
