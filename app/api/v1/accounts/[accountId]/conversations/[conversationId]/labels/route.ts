// GET|POST /api/v1/accounts/{account_id}/conversations/{display_id}/labels – the conversation's labels; replace them (C8 activity)
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { labelsInputSchema, setConversationLabels } from "@/lib/conversations/conversation-labels";
import { conversationParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(
  async ({ db, account, user, membership, params }) => {
    const conversation = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    return Response.json({ payload: conversation.labels });
  },
  { params: conversationParams },
);

export const POST = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    const found = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    const conversation = await setConversationLabels(db, { accountId: account.id, conversationId: found.id, input: body, actor: { type: "user", id: user.id, role: membership.role } });
    return Response.json({ payload: conversation.labels });
  },
  { params: conversationParams, body: labelsInputSchema },
);
