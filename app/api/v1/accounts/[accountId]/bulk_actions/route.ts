// POST /api/v1/accounts/{account_id}/bulk_actions – one change (status, assignee, team, labels) to many conversations the caller can see
import { bulkActionSchema, bulkUpdateConversations } from "@/lib/conversations/bulk-actions";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const POST = withAccount(
  async ({ db, account, user, membership, body }) => {
    const result = await bulkUpdateConversations(db, { accountId: account.id, user: { id: user.id, role: membership.role }, input: body });
    // Chatwoot answers an empty 200 (it queues a job); Parley has done the work and says what happened.
    return Response.json(result);
  },
  { params: accountParams, body: bulkActionSchema },
);
