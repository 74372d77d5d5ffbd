// POST /api/v1/accounts/{account_id}/conversations/{display_id}/toggle_status – toggle or set the status (C2, C3 self-assign for agents)
import { appToggleStatusSchema } from "@/lib/conversations/app-api-inputs";
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { conversationParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { iso } from "@/lib/presenters/time";

export const POST = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    const found = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    const c = await toggleConversationStatus(db, { accountId: account.id, conversationId: found.id, input: body, actor: { type: "user", id: user.id, role: membership.role } });
    return Response.json({ payload: { success: true, conversation_id: c.displayId, current_status: c.status, snoozed_until: iso(c.snoozedUntil) } });
  },
  { params: conversationParams, body: appToggleStatusSchema },
);
