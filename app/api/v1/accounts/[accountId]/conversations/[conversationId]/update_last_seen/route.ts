// POST /api/v1/accounts/{account_id}/conversations/{display_id}/update_last_seen – the agent has seen the conversation (C6)
import { z } from "zod";
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { updateAgentLastSeen } from "@/lib/conversations/last-seen";
import { conversationParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAppConversation } from "@/lib/presenters/app-conversation";

export const POST = withAccount(
  async ({ db, account, user, membership, params }) => {
    const found = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    await updateAgentLastSeen(db, { accountId: account.id, conversationId: found.id, userId: user.id });
    return Response.json(await loadAppConversation(db, found.id, { viewerId: user.id }));
  },
  // No fields, but a body that is not JSON is still a 400 (as Rails' parameter parsing), not ignored.
  { params: conversationParams, body: z.looseObject({}) },
);
