/** What the operator screens need of a conversation list row (built in lib/, rendered here). */
export type ConversationCardData = {
  displayId: number;
  status: "open" | "pending" | "resolved" | "snoozed";
  priority: "low" | "medium" | "high" | "urgent" | null;
  contactName: string;
  inboxName: string;
  assigneeName: string | null;
  lastActivityAt: Date;
  waitingSince: Date | null;
  unreadCount: number;
  lastMessage: { content: string; private: boolean; incoming: boolean } | null;
};

export type SidebarCounts = { mine: number; unassigned: number; all: number };
export type SidebarInbox = { id: number; name: string; unread: number };
