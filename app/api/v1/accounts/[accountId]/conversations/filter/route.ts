// POST /api/v1/accounts/{account_id}/conversations/filter?page= – conversations matching Chatwoot's filter payload, with the list's meta counts (keyset: ?cursor= and X-Next-Cursor)
import { conversationFilterQuerySchema, conversationFilterSchema, conversationFilterWhere } from "@/lib/conversations/filter-conversations";
import { listConversations } from "@/lib/conversations/list-conversations";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentAppConversationList } from "@/lib/presenters/app-conversation";
import { presentListMeta } from "@/lib/presenters/app-conversation-meta";

export const POST = withAccount(
  async ({ db, account, user, membership, body, query }) => {
    const filter = await conversationFilterWhere(db, account.id, body.payload);
    // The payload decides the status too (Chatwoot): no implicit "open".
    const list = await listConversations(db, {
      accountId: account.id,
      user: { id: user.id, role: membership.role },
      status: "all",
      filter,
      page: Number(query.page ?? 1),
      cursor: query.cursor || undefined,
      sortBy: query.sort_by,
    });
    // The keyset cursor travels in a header, as the list's GET: the body keeps Chatwoot's exact shape.
    const headers = list.nextCursor ? { "X-Next-Cursor": list.nextCursor } : undefined;
    return Response.json({ data: { meta: presentListMeta(list.meta), payload: await presentAppConversationList(db, list.items, { viewerId: user.id }) } }, { headers });
  },
  { params: accountParams, body: conversationFilterSchema, query: conversationFilterQuerySchema },
);
