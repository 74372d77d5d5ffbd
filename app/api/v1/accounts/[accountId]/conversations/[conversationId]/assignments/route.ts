// POST /api/v1/accounts/{account_id}/conversations/{display_id}/assignments – assign (admins: any member; agents: claim, 409 if taken) or unassign
import { assignmentsInputSchema, assignViaApi } from "@/lib/conversations/assign-via-api";
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { conversationParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAgent } from "@/lib/presenters/app-agent";

export const POST = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    const conversation = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    const assigneeId = await assignViaApi(db, { conversation, user: { id: user.id, role: membership.role }, input: body });
    // Chatwoot renders the Agent, or `null` when unassigned or when only team_id was sent.
    return Response.json(assigneeId == null ? null : await loadAgent(db, { accountId: account.id, userId: assigneeId }));
  },
  { params: conversationParams, body: assignmentsInputSchema },
);
