import type { Db } from "@/db/client";
import type { Conversation, Message } from "@/db/schema";
import { insertMessage } from "@/lib/messages/insert-message";

/**
 * C8: an activity message in the change's own transaction. Activity messages are written by the
 * system as a consequence of an accepted change, so the flood limit (M2) counts them but never
 * rejects them — refusing to record a status change would be worse than a 21st message.
 */
export async function createActivityMessage(tx: Db, conversation: Conversation, content: string, now: Date): Promise<Message> {
  return insertMessage(tx, conversation, { messageType: "activity", content, createdAt: now });
}
