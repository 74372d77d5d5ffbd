// GET /api/v1/accounts/{account_id}/conversations/{display_id} – one conversation the caller may see, as AppConversation
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { conversationParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAppConversation } from "@/lib/presenters/app-conversation";

export const GET = withAccount(
  async ({ db, account, user, membership, params }) => {
    const conversation = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    return Response.json(await loadAppConversation(db, conversation.id));
  },
  { params: conversationParams },
);
