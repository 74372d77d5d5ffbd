import type { Db } from "@/db/client";
import type { Conversation } from "@/db/schema";
import { loadConversationPresenter, type ConversationPush } from "@/lib/presenters/conversation-push";
import type { MessagePush } from "@/lib/presenters/message-push";
import { appendEvents, type AppendEventInput } from "@/lib/realtime/append-event";
import { AGENTS_ONLY_EVENTS, type ConversationEventType } from "@/lib/realtime/event-types";

type EventConversation = Pick<Conversation, "id" | "accountId" | "inboxId" | "contactInboxId">;

/**
 * Writes conversation events with the conversation's current state as payload (Chatwoot re-fetches
 * before broadcasting these). One presentation serves every event of the change, and the rows are one
 * statement. `known.lastMessage`: the conversation's latest contact-visible message, when the caller
 * has just written it (B7: not read again).
 */
export async function emitConversationEvents(
  tx: Db,
  conversation: EventConversation,
  types: ConversationEventType[],
  /** Added to the payload of the agents-only events among `types` (`performer` of an assignment, read by notifications NT3). */
  extra?: Record<string, unknown>,
  known: { lastMessage?: MessagePush } = {},
): Promise<void> {
  if (!types.length) return;
  const payload = (await loadConversationPresenter(tx, conversation.id, known))();
  await appendEvents(
    tx,
    types.map((type) => conversationEvent(conversation, type, payload, extra)),
  );
}

/** One conversation event's outbox row (for callers that present the conversation themselves). */
export function conversationEvent(conversation: EventConversation, type: ConversationEventType, payload: ConversationPush, extra?: Record<string, unknown>): AppendEventInput {
  return {
    accountId: conversation.accountId,
    type,
    inboxId: conversation.inboxId,
    conversationId: conversation.id,
    contactInboxId: conversation.contactInboxId,
    payload: extra && AGENTS_ONLY_EVENTS.has(type) ? { ...payload, ...extra } : payload,
  };
}
