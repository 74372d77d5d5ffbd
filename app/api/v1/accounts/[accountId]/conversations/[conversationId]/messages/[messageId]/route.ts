// DELETE /api/v1/accounts/{account_id}/conversations/{display_id}/messages/{id} – soft delete (M7), answers the updated message
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { messageParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { deleteMessage } from "@/lib/messages/delete-message";
import { loadAppMessages } from "@/lib/presenters/app-message";

export const DELETE = withAccount(
  async ({ db, account, user, membership, params }) => {
    const conversation = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    const deleted = await deleteMessage(db, { accountId: account.id, conversationId: conversation.id, messageId: params.messageId });
    const [presented] = await loadAppMessages(db, [deleted]);
    return Response.json(presented);
  },
  { params: messageParams },
);
