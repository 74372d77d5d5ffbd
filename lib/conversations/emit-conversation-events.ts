import type { Db } from "@/db/client";
import type { Conversation } from "@/db/schema";
import { loadConversationPush } from "@/lib/presenters/conversation-push";
import { appendEvent } from "@/lib/realtime/append-event";
import { AGENTS_ONLY_EVENTS, type ConversationEventType } from "@/lib/realtime/event-types";

/**
 * Writes conversation events with the conversation's current state as payload (Chatwoot re-fetches
 * before broadcasting these). One presentation serves every event of the change.
 */
export async function emitConversationEvents(
  tx: Db,
  conversation: Pick<Conversation, "id" | "accountId" | "inboxId" | "contactInboxId">,
  types: ConversationEventType[],
  /** Added to the payload of the agents-only events among `types` (`performer` of an assignment, read by notifications NT3). */
  extra?: Record<string, unknown>,
): Promise<void> {
  if (!types.length) return;
  const payload = await loadConversationPush(tx, conversation.id);
  for (const type of types) {
    await appendEvent(tx, {
      accountId: conversation.accountId,
      type,
      inboxId: conversation.inboxId,
      conversationId: conversation.id,
      contactInboxId: conversation.contactInboxId,
      payload: extra && AGENTS_ONLY_EVENTS.has(type) ? { ...payload, ...extra } : payload,
    });
  }
}
