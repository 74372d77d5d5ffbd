// GET /api/v1/accounts/{account_id}/search/conversations?q=&page= – conversations matching q, 15 a page (docs/search.md)
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { searchQuerySchema } from "@/lib/search/query";
import { searchConversations } from "@/lib/search/search-conversations";

export const GET = withAccount(
  async ({ db, account, membership, user, query }) => {
    const conversations = await searchConversations(db, { accountId: account.id, user: { id: user.id, role: membership.role }, q: query.q, page: query.page });
    return Response.json({ payload: { conversations } });
  },
  { params: accountParams, query: searchQuerySchema },
);
