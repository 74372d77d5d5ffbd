// POST /api/v1/accounts/{account_id}/conversations/{display_id}/toggle_typing_status – the agent's typing indicator (event only, no row change)
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { toggleAgentTyping, typingInputSchema } from "@/lib/conversations/typing";
import { conversationParams, headOk } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const POST = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    const conversation = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    await toggleAgentTyping(db, { conversation, userId: user.id, input: body });
    return headOk();
  },
  { params: conversationParams, body: typingInputSchema },
);
