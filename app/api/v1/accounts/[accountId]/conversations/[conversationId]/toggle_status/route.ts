// POST /api/v1/accounts/{account_id}/conversations/{display_id}/toggle_status – toggle or set the status (C2, C3 self-assign for agents; an agent bot hands off with open, AB6)
import { getBotConversationOrThrow } from "@/lib/agent-bots/bot-conversations";
import { appToggleStatusSchema } from "@/lib/conversations/app-api-inputs";
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { conversationParams } from "@/lib/http/app-params";
import { orAgentBot } from "@/lib/http/with-agent-bot";
import { withAccount } from "@/lib/http/with-auth";
import { iso } from "@/lib/presenters/time";

const toggleAsUser = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    const found = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    const c = await toggleConversationStatus(db, { accountId: account.id, conversationId: found.id, input: body, actor: { type: "user", id: user.id, role: membership.role } });
    return Response.json({ payload: { success: true, conversation_id: c.displayId, current_status: c.status, snoozed_until: iso(c.snoozedUntil) } });
  },
  { params: conversationParams, body: appToggleStatusSchema },
);

export const POST = orAgentBot(
  toggleAsUser,
  async ({ db, bot, params, body }) => {
    const found = await getBotConversationOrThrow(db, { bot, displayId: params.conversationId });
    const c = await toggleConversationStatus(db, { accountId: bot.accountId, conversationId: found.id, input: body, actor: { type: "agent_bot", id: bot.id } });
    return Response.json({ payload: { success: true, conversation_id: c.displayId, current_status: c.status, snoozed_until: iso(c.snoozedUntil) } });
  },
  { params: conversationParams, body: appToggleStatusSchema },
);
