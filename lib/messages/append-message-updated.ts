import type { Db } from "@/db/client";
import type { Conversation } from "@/db/schema";
import type { MessagePush } from "@/lib/presenters/message-push";
import { appendEvent } from "@/lib/realtime/append-event";
import type { PreviousChanges } from "@/lib/realtime/event-types";

/**
 * Writes `message.updated` for a message of `conversation` in the caller's transaction: the message as
 * it is now, with what changed (`previous_changes`, Chatwoot's shape). `private` narrows it to agents
 * (a deleted note or activity message); otherwise the event type decides.
 */
export async function appendMessageUpdated(
  tx: Db,
  conversation: Pick<Conversation, "id" | "accountId" | "inboxId" | "contactInboxId">,
  push: MessagePush,
  previousChanges: PreviousChanges,
  opts: { private?: boolean } = {},
): Promise<void> {
  await appendEvent(tx, {
    accountId: conversation.accountId,
    type: "message.updated",
    inboxId: conversation.inboxId,
    conversationId: conversation.id,
    contactInboxId: conversation.contactInboxId,
    ...(opts.private !== undefined && { private: opts.private }),
    payload: { ...push, previous_changes: previousChanges },
  });
}
