// GET /api/v1/accounts/{account_id}/conversations/meta – the list's counts only (mine, assigned, unassigned, all)
import { appConversationListQuerySchema } from "@/lib/conversations/app-api-inputs";
import { listConversations } from "@/lib/conversations/list-conversations";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentListMeta } from "@/lib/presenters/app-conversation-meta";

export const GET = withAccount(
  async ({ db, account, user, membership, query }) => {
    // limit 1: the counts do not depend on the page, and one row is the cheapest page there is.
    const list = await listConversations(db, { accountId: account.id, user: { id: user.id, role: membership.role }, ...query, limit: 1 });
    return Response.json({ meta: presentListMeta(list.meta) });
  },
  { params: accountParams, query: appConversationListQuerySchema },
);
