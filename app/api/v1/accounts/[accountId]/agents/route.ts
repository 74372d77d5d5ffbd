// GET|POST /api/v1/accounts/{account_id}/agents – the account's agents; add one (administrators)
import { agentCreateSchema } from "@/lib/agents/agent-input";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { createAgent } from "@/lib/agents/save-agent";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ db, account }) => Response.json(await listAgentsByAccount(db, { accountId: account.id })));

export const POST = withAccount(
  async ({ db, account, body }) => {
    const { userId } = await createAgent(db, { accountId: account.id, input: body });
    const [agent] = await listAgentsByAccount(db, { accountId: account.id, userIds: [userId] });
    return Response.json(agent);
  },
  { body: agentCreateSchema, role: "administrator" },
);
