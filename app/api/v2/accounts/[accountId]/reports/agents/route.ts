// GET /api/v2/accounts/{account_id}/reports/agents – the per-agent table for a range as CSV (administrators)
import { tableCsvRoute } from "@/lib/reports/report-routes";

export const GET = tableCsvRoute("agent");
