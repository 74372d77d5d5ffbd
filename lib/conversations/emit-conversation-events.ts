import type { Db } from "@/db/client";
import type { Conversation } from "@/db/schema";
import { loadConversationPush } from "@/lib/presenters/conversation-push";
import { appendEvent } from "@/lib/realtime/append-event";
import type { ConversationEventType } from "@/lib/realtime/event-types";

/**
 * Writes conversation events with the conversation's current state as payload (Chatwoot re-fetches
 * before broadcasting these). One presentation serves every event of the change.
 */
export async function emitConversationEvents(tx: Db, conversation: Pick<Conversation, "id" | "accountId" | "inboxId" | "contactInboxId">, types: ConversationEventType[]): Promise<void> {
  if (!types.length) return;
  const payload = await loadConversationPush(tx, conversation.id);
  for (const type of types) {
    await appendEvent(tx, {
      accountId: conversation.accountId,
      type,
      inboxId: conversation.inboxId,
      conversationId: conversation.id,
      contactInboxId: conversation.contactInboxId,
      payload,
    });
  }
}
