// POST /api/v1/accounts/{account_id}/conversations/{display_id}/toggle_priority – set or clear the priority (C8 activity)
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { toggleConversationPriority, togglePriorityInputSchema } from "@/lib/conversations/toggle-priority";
import { conversationParams, headOk } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const POST = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    const found = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    await toggleConversationPriority(db, { accountId: account.id, conversationId: found.id, input: body, actor: { type: "user", id: user.id, role: membership.role } });
    return headOk();
  },
  { params: conversationParams, body: togglePriorityInputSchema },
);
