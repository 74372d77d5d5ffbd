// GET /api/v1/accounts/{account_id}/search/contacts?q=&page= – contacts matching q, 15 a page (docs/search.md)
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { searchQuerySchema } from "@/lib/search/query";
import { searchContacts } from "@/lib/search/search-contacts";

export const GET = withAccount(
  async ({ db, account, membership, user, query }) => {
    const contacts = await searchContacts(db, { accountId: account.id, user: { id: user.id, role: membership.role }, q: query.q, page: query.page });
    return Response.json({ payload: { contacts } });
  },
  { params: accountParams, query: searchQuerySchema },
);
