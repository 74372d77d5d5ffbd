// GET /api/v1/accounts/{account_id}/search/messages?q=&page= – messages matching q, 15 a page (docs/search.md)
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { searchQuerySchema } from "@/lib/search/query";
import { searchMessages } from "@/lib/search/search-messages";

export const GET = withAccount(
  async ({ db, account, membership, user, query }) => {
    const messages = await searchMessages(db, { accountId: account.id, user: { id: user.id, role: membership.role }, q: query.q, page: query.page });
    return Response.json({ payload: { messages } });
  },
  { params: accountParams, query: searchQuerySchema },
);
