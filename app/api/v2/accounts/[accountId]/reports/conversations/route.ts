// GET /api/v2/accounts/{account_id}/reports/conversations – right-now counts: the account's (type=account) or per agent (type=agent) (administrators)
import { AppError } from "@/lib/errors";
import { withAccount } from "@/lib/http/with-auth";
import { liveAccountCounts, liveAgentCounts } from "@/lib/reports/live-counts";
import { liveQuerySchema } from "@/lib/reports/report-params";

export const GET = withAccount(
  async ({ db, account, query }) => {
    if (query.type === "account") return Response.json(await liveAccountCounts(db, account.id));
    const rows = await liveAgentCounts(db, account.id, query.user_id);
    if (query.user_id !== undefined && !rows.length) throw AppError.validation({ user_id: ["is not an agent of this account"] });
    return Response.json(rows);
  },
  { query: liveQuerySchema, role: "administrator" },
);
