import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, type Conversation, type ConversationStatus } from "@/db/schema";
import type { ConversationEventType } from "@/lib/realtime/event-types";
import { actorName, type Actor } from "./actor";
import { createActivityMessage } from "./activity-message";
import { emitConversationEvents } from "./emit-conversation-events";

/** Chatwoot's activity wording (config/locales/en.yml `conversations.activity.status`). */
function statusActivity(status: ConversationStatus, name: string | null, reason: "incoming" | "snooze_expired" | undefined): string {
  if (!name) {
    if (reason === "incoming") return "System reopened the conversation due to a new incoming message.";
    if (reason === "snooze_expired") return "Conversation was reopened as the snooze time expired";
    return status === "open" ? "System reopened the conversation" : `Conversation was marked ${status} by system`;
  }
  switch (status) {
    case "open":
      return `Conversation was reopened by ${name}`;
    case "resolved":
      return `Conversation was marked resolved by ${name}`;
    case "pending":
      return `Conversation was marked as pending by ${name}`;
    case "snoozed":
      return `${name} has snoozed this conversation`;
  }
}

export type StatusChange = { status: ConversationStatus; snoozedUntil?: Date | null; actor: Actor; now: Date; reason?: "incoming" | "snooze_expired" };

/**
 * Applies a status to a locked conversation (C2): snoozed keeps `snoozed_until` (absent = until the
 * next incoming message), any other status clears it, resolving clears `waiting_since`. Writes the
 * activity message (C8) and `conversation.status_changed` + `conversation.updated` (+ the internal
 * `conversation.opened` / `conversation.resolved`). A change to the same state writes nothing.
 */
export async function applyStatusChange(tx: Db, conversation: Conversation, change: StatusChange): Promise<Conversation> {
  const snoozedUntil = change.status === "snoozed" ? (change.snoozedUntil ?? null) : null;
  const statusChanged = conversation.status !== change.status;
  if (!statusChanged && (conversation.snoozedUntil?.getTime() ?? null) === (snoozedUntil?.getTime() ?? null)) return conversation;

  const [updated] = await tx
    .update(conversations)
    .set({
      status: change.status,
      snoozedUntil,
      ...(change.status === "resolved" && { waitingSince: null }),
      updatedAt: change.now,
    })
    .where(eq(conversations.id, conversation.id))
    .returning();
  Object.assign(conversation, updated);

  const types: ConversationEventType[] = [];
  if (statusChanged) {
    await createActivityMessage(tx, conversation, statusActivity(change.status, await actorName(tx, change.actor), change.reason), change.now);
    types.push("conversation.status_changed");
    if (change.status === "open") types.push("conversation.opened");
    if (change.status === "resolved") types.push("conversation.resolved");
  }
  types.push("conversation.updated");
  await emitConversationEvents(tx, conversation, types);
  return conversation;
}
