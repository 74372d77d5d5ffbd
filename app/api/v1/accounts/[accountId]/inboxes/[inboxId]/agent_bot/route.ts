// GET /api/v1/accounts/{account_id}/inboxes/{id}/agent_bot – the inbox's agent bot as {agent_bot}, null when none (administrators, AB2)
import { presentAgentBot } from "@/lib/agent-bots/agent-bots";
import { getInboxAgentBot } from "@/lib/agent-bots/inbox-agent-bot";
import { inboxParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(
  async ({ db, account, params }) => {
    const bot = await getInboxAgentBot(db, { accountId: account.id, inboxId: params.inboxId });
    return Response.json({ agent_bot: bot ? presentAgentBot(bot) : null });
  },
  { params: inboxParams, role: "administrator" },
);
