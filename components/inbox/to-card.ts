import type { ConversationListItem } from "@/lib/conversations/list-conversations";
import type { ConversationCardData } from "./types";

/** Maps the engine's list item to what a card shows. */
export function toCard(item: ConversationListItem): ConversationCardData {
  const m = item.lastNonActivityMessage;
  return {
    displayId: item.conversation.displayId,
    status: item.conversation.status,
    priority: item.conversation.priority,
    contactName: item.contact.name,
    inboxName: item.inbox.name,
    assigneeName: item.assignee ? (item.assignee.displayName ?? item.assignee.name) : null,
    lastActivityAt: item.conversation.lastActivityAt,
    waitingSince: item.conversation.waitingSince,
    unreadCount: item.unreadCount,
    lastMessage: m ? { content: m.content ?? "", private: m.private, incoming: m.message_type === 0 } : null,
  };
}
