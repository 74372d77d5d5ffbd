// GET|POST /api/v1/accounts/{account_id}/agent_bots – the account's agent bots; create one, its access_token shown once (administrators, AB1)
import { agentBotCreateSchema } from "@/lib/agent-bots/agent-bot-input";
import { createAgentBot, listAgentBots, presentAgentBot, withToken } from "@/lib/agent-bots/agent-bots";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ db, account }) => Response.json((await listAgentBots(db, { accountId: account.id })).map(presentAgentBot)), { role: "administrator" });

export const POST = withAccount(async ({ db, account, body }) => Response.json(withToken(await createAgentBot(db, { accountId: account.id, input: body }))), {
  body: agentBotCreateSchema,
  role: "administrator",
});
