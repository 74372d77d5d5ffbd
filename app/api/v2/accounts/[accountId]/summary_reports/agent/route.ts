// GET /api/v2/accounts/{account_id}/summary_reports/agent – per-agent conversations, resolutions and average times for a range (administrators)
import { summaryTableRoute } from "@/lib/reports/report-routes";

export const GET = summaryTableRoute("agent");
