// GET /api/v1/accounts/{account_id}/search?q=&page= – conversations, contacts and messages matching q (docs/search.md)
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { searchQuerySchema } from "@/lib/search/query";
import { searchContacts } from "@/lib/search/search-contacts";
import { searchConversations } from "@/lib/search/search-conversations";
import { searchMessages } from "@/lib/search/search-messages";

export const GET = withAccount(
  async ({ db, account, membership, user, query }) => {
    const args = { accountId: account.id, user: { id: user.id, role: membership.role }, q: query.q, page: query.page };
    // Sequential: the handle may be a transaction's single connection.
    const conversations = await searchConversations(db, args, { withAttributes: false });
    const contacts = await searchContacts(db, args);
    const messages = await searchMessages(db, args);
    return Response.json({ payload: { conversations, contacts, messages, articles: [] } });
  },
  { params: accountParams, query: searchQuerySchema },
);
