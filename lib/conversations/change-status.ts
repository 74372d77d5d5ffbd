import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, type Conversation, type ConversationStatus } from "@/db/schema";
import type { ConversationEventType } from "@/lib/realtime/event-types";
import { onStatusChanged } from "@/lib/reports/status-hooks";
import { actorName, type Actor } from "./actor";
import { accountLocale } from "@/lib/i18n/stored-locales";
import { createActivityMessage } from "./activity-message";
import { statusActivityText } from "./activity-text";
import { emitConversationEvents } from "./emit-conversation-events";

export type StatusChange = { status: ConversationStatus; snoozedUntil?: Date | null; actor: Actor; now: Date; reason?: StatusChangeReason };
/** Why the system changed a status; `bot_unavailable` is an agent bot that failed a delivery (AB6). */
export type StatusChangeReason = "incoming" | "snooze_expired" | "bot_unavailable";

/**
 * Applies a status to a locked conversation (C2): snoozed keeps `snoozed_until` (absent = until the
 * next incoming message), any other status clears it, resolving clears `waiting_since`. Writes the
 * activity message (C8) and `conversation.status_changed` + `conversation.updated` (+ the internal
 * `conversation.opened` / `conversation.resolved`). A change to the same state writes nothing.
 */
export async function applyStatusChange(tx: Db, conversation: Conversation, change: StatusChange): Promise<Conversation> {
  const snoozedUntil = change.status === "snoozed" ? (change.snoozedUntil ?? null) : null;
  const from = conversation.status;
  const statusChanged = from !== change.status;
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
    await createActivityMessage(tx, conversation, statusActivityText(await accountLocale(tx, conversation.accountId), change.status, await actorName(tx, change.actor), change.reason), change.now);
    types.push("conversation.status_changed");
    if (change.status === "open") types.push("conversation.opened");
    if (change.status === "resolved") types.push("conversation.resolved");
    await onStatusChanged(tx, conversation, { from, to: change.status, at: change.now, byBot: change.actor.type === "agent_bot" });
  }
  types.push("conversation.updated");
  await emitConversationEvents(tx, conversation, types);
  return conversation;
}
