// GET|POST /api/v1/accounts/{account_id}/conversations – the caller's conversation list with meta counts (keyset: ?cursor= and X-Next-Cursor); create a conversation
import { appConversationListQuerySchema } from "@/lib/conversations/app-api-inputs";
import { appConversationCreateSchema, createAppConversation } from "@/lib/conversations/create-app-conversation";
import { listConversations } from "@/lib/conversations/list-conversations";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAppConversation, presentAppConversationList } from "@/lib/presenters/app-conversation";
import { presentListMeta } from "@/lib/presenters/app-conversation-meta";

export const GET = withAccount(
  async ({ db, account, user, membership, query }) => {
    const list = await listConversations(db, { accountId: account.id, user: { id: user.id, role: membership.role }, ...query });
    // The keyset cursor travels in a header: the body keeps Chatwoot's exact shape.
    const headers = list.nextCursor ? { "X-Next-Cursor": list.nextCursor } : undefined;
    return Response.json({ data: { meta: presentListMeta(list.meta), payload: await presentAppConversationList(db, list.items, { viewerId: user.id }) } }, { headers });
  },
  { params: accountParams, query: appConversationListQuerySchema },
);

export const POST = withAccount(
  async ({ db, account, user, membership, body }) => {
    const conversation = await createAppConversation(db, { accountId: account.id, user: { id: user.id, role: membership.role }, input: body });
    return Response.json(await loadAppConversation(db, conversation.id, { viewerId: user.id }));
  },
  { params: accountParams, body: appConversationCreateSchema },
);
