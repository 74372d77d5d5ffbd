import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, inboxes, type AgentBot, type Conversation } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { messageInputSchema } from "@/lib/messages/message-input";
import { createMessage, type CreateMessageResult } from "@/lib/messages/create-message";
import { parseInput } from "@/lib/validation";

/**
 * AB4: a conversation by its per-account number, if it is in an inbox this bot is attached to.
 * Anything else is a 404, as for a user who may not see it.
 */
export async function getBotConversationOrThrow(db: Db, { bot, displayId }: { bot: AgentBot; displayId: number }): Promise<Conversation> {
  const [row] = await db
    .select({ conversation: conversations })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(and(eq(conversations.accountId, bot.accountId), eq(conversations.displayId, displayId), eq(inboxes.agentBotId, bot.id)));
  if (!row) throw AppError.notFound();
  return row.conversation;
}

/** What a bot may post: an outgoing message or a note, of any content type (interactive ones included, AB5). */
export const botMessageInputSchema = messageInputSchema
  .refine((m) => m.message_type === undefined || m.message_type === "outgoing", { path: ["message_type"], message: "must be outgoing for an agent bot" })
  // Attachment rows name stored files; over JSON a caller could name any storage key.
  .refine((m) => m.attachments.length === 0, { path: ["attachments"], message: "are not accepted from an agent bot" });

/**
 * AB4/AB5: a message from the bot — outgoing, sender_type agent_bot — through the same engine as an
 * agent's (M1–M6). It is not a human response, so it does not count as the first reply (M3).
 */
export async function createBotMessage(db: Db, { bot, conversation, input }: { bot: AgentBot; conversation: Conversation; input: unknown }): Promise<CreateMessageResult> {
  const data = parseInput(botMessageInputSchema, input);
  return createMessage(db, { conversationId: conversation.id, accountId: bot.accountId, sender: { type: "agent_bot", id: bot.id }, input: { ...data, message_type: "outgoing" } });
}
