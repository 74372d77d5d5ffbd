// POST /api/v1/accounts/{account_id}/conversations/{display_id}/assignments – assign or unassign an inbox member (agents' self-claim: 409 if taken), or set the team
import { assignmentsInputSchema, assignViaApi } from "@/lib/conversations/assign-via-api";
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { conversationParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAgent } from "@/lib/presenters/app-agent";
import { presentRawTeam } from "@/lib/presenters/team";

export const POST = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    const conversation = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    const outcome = await assignViaApi(db, { conversation, user: { id: user.id, role: membership.role }, input: body });
    // Chatwoot renders the Agent (or `null` when unassigned), the raw Team (or `null` when cleared), or `null` for neither key.
    if (outcome.kind === "team") return Response.json(outcome.team ? presentRawTeam(outcome.team) : null);
    if (outcome.kind === "agent" && outcome.assigneeId !== null) return Response.json(await loadAgent(db, { accountId: account.id, userId: outcome.assigneeId }));
    return Response.json(null);
  },
  { params: conversationParams, body: assignmentsInputSchema },
);
