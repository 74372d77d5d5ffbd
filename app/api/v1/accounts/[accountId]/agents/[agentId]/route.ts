// PATCH|PUT|DELETE /api/v1/accounts/{account_id}/agents/{id} – change an agent's name, role, availability; remove them from the account (administrators)
import { agentUpdateSchema } from "@/lib/agents/agent-input";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { removeAgent, updateAgent } from "@/lib/agents/save-agent";
import { headOk } from "@/lib/http/app-params";
import { agentParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";

export const PATCH = withAccount(
  async ({ db, account, params, body }) => {
    await updateAgent(db, { accountId: account.id, userId: params.agentId, input: body });
    const [agent] = await listAgentsByAccount(db, { accountId: account.id, userIds: [params.agentId] });
    return Response.json(agent);
  },
  { params: agentParams, body: agentUpdateSchema, role: "administrator" },
);
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, user, params }) => {
    await removeAgent(db, { accountId: account.id, userId: params.agentId, actorId: user.id });
    return headOk();
  },
  { params: agentParams, role: "administrator" },
);
