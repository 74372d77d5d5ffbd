// POST /api/v1/accounts/{account_id}/agent_bots/{id}/reset_access_token – a new access_token, shown once; the old one stops working (administrators, AB1)
import { z } from "zod";
import { resetAgentBotToken, withToken } from "@/lib/agent-bots/agent-bots";
import { agentBotParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";

export const POST = withAccount(async ({ db, account, params }) => Response.json(withToken(await resetAgentBotToken(db, { accountId: account.id, id: params.agentBotId }))), {
  params: agentBotParams,
  role: "administrator",
  // No input, but a malformed body is refused like anywhere else (R4).
  body: z.looseObject({}),
});
