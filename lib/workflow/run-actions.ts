import type { Db } from "@/db/client";
import type { Actor } from "@/lib/conversations/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { addConversationLabels, removeConversationLabels } from "@/lib/conversations/conversation-labels";
import { toggleConversationPriority } from "@/lib/conversations/toggle-priority";
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { createMessage } from "@/lib/messages/create-message";
import { assignTeam } from "@/lib/teams/assign-team";
import type { Action } from "./workflow-input";

export type ActionTarget = { accountId: number; conversationId: number };

/**
 * Runs one macro or automation action on a conversation through the same domain functions the
 * Application API uses, so each change has its usual rules, activity line and events (MA2).
 */
export async function runAction(db: Db, target: ActionTarget, action: Action, actor: Actor): Promise<void> {
  const { accountId, conversationId } = target;
  const p = action.action_params;
  switch (action.action_name) {
    case "assign_agent":
      await assignConversation(db, { accountId, conversationId, assigneeId: p[0] === "nil" ? null : (p[0] as number), actor, mode: "reassign" });
      return;
    case "assign_team":
      await assignTeam(db, { accountId, conversationId, teamId: p[0] === "nil" ? null : (p[0] as number), actor });
      return;
    case "add_label":
      await addConversationLabels(db, { accountId, conversationId, input: { labels: p as string[] }, actor });
      return;
    case "remove_label":
      await removeConversationLabels(db, { accountId, conversationId, input: { labels: p as string[] }, actor });
      return;
    case "change_status":
      await toggleConversationStatus(db, { accountId, conversationId, input: { status: p[0] as "open" }, actor });
      return;
    case "resolve_conversation":
      await toggleConversationStatus(db, { accountId, conversationId, input: { status: "resolved" }, actor });
      return;
    case "open_conversation":
      await toggleConversationStatus(db, { accountId, conversationId, input: { status: "open" }, actor });
      return;
    case "snooze_conversation":
      // Chatwoot's automation snoozes until the next reply (no time given).
      await toggleConversationStatus(db, { accountId, conversationId, input: { status: "snoozed" }, actor });
      return;
    case "change_priority":
      await toggleConversationPriority(db, { accountId, conversationId, input: { priority: p[0] === "nil" ? null : (p[0] as "low") }, actor });
      return;
    case "send_message":
    case "add_private_note": {
      const sender = actor.type === "user" ? { type: "user" as const, id: actor.id } : null;
      await createMessage(db, { conversationId, accountId, sender, input: { content: p[0] as string, message_type: "outgoing", private: action.action_name === "add_private_note" } });
      return;
    }
  }
}
