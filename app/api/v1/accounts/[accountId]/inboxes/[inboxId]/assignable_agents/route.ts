// GET /api/v1/accounts/{account_id}/inboxes/{id}/assignable_agents – the inbox's members as Agents with their availability (the assignee picker)
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { getInboxForViewer } from "@/lib/inboxes/list-inboxes";
import { inboxParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(
  async ({ db, account, user, membership, params }) => {
    // An agent sees this only for an inbox they belong to (else 404, as the inbox itself).
    await getInboxForViewer(db, { accountId: account.id, inboxId: params.inboxId, user: { id: user.id, role: membership.role } });
    return Response.json({ payload: await listAgentsByAccount(db, { accountId: account.id, inboxId: params.inboxId }) });
  },
  { params: inboxParams },
);
