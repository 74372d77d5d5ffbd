// GET|PATCH|PUT|DELETE /api/v1/accounts/{account_id}/agent_bots/{id} – one agent bot; update or delete it (administrators, AB1)
import { agentBotUpdateSchema } from "@/lib/agent-bots/agent-bot-input";
import { deleteAgentBot, getAgentBot, presentAgentBot, updateAgentBot } from "@/lib/agent-bots/agent-bots";
import { headOk } from "@/lib/http/app-params";
import { agentBotParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ db, account, params }) => Response.json(presentAgentBot(await getAgentBot(db, { accountId: account.id, id: params.agentBotId }))), {
  params: agentBotParams,
  role: "administrator",
});

export const PATCH = withAccount(async ({ db, account, params, body }) => Response.json(presentAgentBot(await updateAgentBot(db, { accountId: account.id, id: params.agentBotId, input: body }))), {
  params: agentBotParams,
  body: agentBotUpdateSchema,
  role: "administrator",
});
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, params }) => {
    await deleteAgentBot(db, { accountId: account.id, id: params.agentBotId });
    return headOk();
  },
  { params: agentBotParams, role: "administrator" },
);
