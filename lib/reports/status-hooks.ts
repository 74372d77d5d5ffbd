import type { Db } from "@/db/client";
import type { Conversation, ConversationStatus } from "@/db/schema";
import { sendCsatSurveyIfDue } from "@/lib/csat/send-survey";
import { recordStatusChange } from "./record-events";

/**
 * What reports and CSAT do when a conversation's status changes, inside the change's transaction
 * (lib/conversations/change-status.ts calls this once): the reporting event, and on resolution the
 * rating message when the inbox asks for it.
 */
export async function onStatusChanged(tx: Db, conversation: Conversation, change: { from: ConversationStatus; to: ConversationStatus; at: Date; byBot?: boolean }): Promise<void> {
  await recordStatusChange(tx, conversation, change);
  if (change.to === "resolved" && change.from !== "resolved") await sendCsatSurveyIfDue(tx, conversation, change.at);
}
