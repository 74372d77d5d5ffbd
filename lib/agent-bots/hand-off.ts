import type { Db } from "@/db/client";
import { afterStatusChange } from "@/lib/assignment/after-commit";
import { applyStatusChange } from "@/lib/conversations/change-status";
import { lockConversationById } from "@/lib/conversations/lock-conversation";

/**
 * AB6: the bot did not take a visitor's event (timeout, connection error, an error status), so no
 * visitor waits on it: a conversation still pending with the bot opens at once, with an activity line
 * naming the bot, and is auto-assigned as usual after commit. One that is not pending (already handed
 * off, resolved, snoozed) is left as it is.
 */
export async function handOffAfterBotFailure(db: Db, { conversationId, botId, now = new Date() }: { conversationId: number; botId: number; now?: Date }): Promise<void> {
  const changed = await db.transaction(async (tx) => {
    const conversation = await lockConversationById(tx, { conversationId }).catch(() => null);
    if (!conversation || conversation.status !== "pending") return null;
    const previous = { status: conversation.status, assigneeId: conversation.assigneeId };
    await applyStatusChange(tx, conversation, { status: "open", actor: { type: "agent_bot", id: botId }, now, reason: "bot_unavailable" });
    return { conversation, previous };
  });
  if (changed) await afterStatusChange(db, changed.conversation, changed.previous, now);
}
