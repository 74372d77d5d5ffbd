// POST /api/v1/accounts/{account_id}/inboxes/{id}/set_agent_bot – attach an agent bot ({agent_bot: id}) or detach it ({agent_bot: null}) (administrators, AB2)
import { setAgentBotSchema, setInboxAgentBot } from "@/lib/agent-bots/inbox-agent-bot";
import { headOk } from "@/lib/http/app-params";
import { inboxParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";

export const POST = withAccount(
  async ({ db, account, params, body }) => {
    await setInboxAgentBot(db, { accountId: account.id, inboxId: params.inboxId, agentBotId: body.agent_bot });
    return headOk();
  },
  { params: inboxParams, body: setAgentBotSchema, role: "administrator" },
);
