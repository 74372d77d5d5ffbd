// GET|POST /api/v1/accounts/{account_id}/conversations/{display_id}/messages – page the messages (M8); post one as JSON or multipart with attachments[] files (M1–M6, 429 on flood), or as an agent bot (AB4)
import { z } from "zod";
import { createBotMessage, getBotConversationOrThrow } from "@/lib/agent-bots/bot-conversations";
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { conversationParams } from "@/lib/http/app-params";
import { orAgentBot } from "@/lib/http/with-agent-bot";
import { withAccount } from "@/lib/http/with-auth";
import { appMessageInputSchema, createAppMessage } from "@/lib/messages/create-app-message";
import { listMessagesByConversation } from "@/lib/messages/list-messages";
import { messageListQuerySchema } from "@/lib/messages/message-list-query";
import { appMessageFromPush, loadAppMessages } from "@/lib/presenters/app-message";
import { loadMessagesMeta } from "@/lib/presenters/app-messages-meta";

export const GET = withAccount(
  async ({ db, account, user, membership, params, query }) => {
    const conversation = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    const rows = await listMessagesByConversation(db, { conversationId: conversation.id, ...query });
    return Response.json({ meta: await loadMessagesMeta(db, conversation), payload: await loadAppMessages(db, rows) });
  },
  { params: conversationParams, query: messageListQuerySchema },
);

const postAsUser = withAccount(
  async ({ db, account, user, membership, params, body, files }) => {
    const conversation = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    // M6: a repeated echo_id answers 200 with the stored message, like a fresh one.
    const { message, inserted } = await createAppMessage(db, { conversation, userId: user.id, input: body, files });
    // B7: a message just created is answered from the push its transaction built (same sender and attachment rows); a replay is re-read.
    const [presented] = inserted ? [appMessageFromPush(inserted.push, { withEchoId: true })] : await loadAppMessages(db, [message], { withEchoId: true });
    return Response.json(presented);
  },
  { params: conversationParams, body: appMessageInputSchema, files: true },
);

export const POST = orAgentBot(
  postAsUser,
  async ({ db, bot, params, body }) => {
    const conversation = await getBotConversationOrThrow(db, { bot, displayId: params.conversationId });
    const { message } = await createBotMessage(db, { bot, conversation, input: body });
    const [presented] = await loadAppMessages(db, [message], { withEchoId: true });
    return Response.json(presented);
  },
  { params: conversationParams, body: z.unknown() },
);
