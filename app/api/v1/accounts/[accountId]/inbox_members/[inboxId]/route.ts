// GET /api/v1/accounts/{account_id}/inbox_members/{inbox_id} – the inbox's members as Agents
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { getInboxForViewer } from "@/lib/inboxes/list-inboxes";
import { inboxParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(
  async ({ db, account, user, membership, params }) => {
    await getInboxForViewer(db, { accountId: account.id, inboxId: params.inboxId, user: { id: user.id, role: membership.role } });
    return Response.json({ payload: await listAgentsByAccount(db, { accountId: account.id, inboxId: params.inboxId }) });
  },
  { params: inboxParams },
);
