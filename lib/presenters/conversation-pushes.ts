import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import { loadConversationsParties } from "./conversation-parties";
import { presentContactPush } from "./contact-push";
import { presentConversationPush, type ConversationPush } from "./conversation-push";
import { loadMessagePushes } from "./message-push";
import { presentUserPush } from "./user-push";

/**
 * ConversationPush for many conversations with a fixed number of statements (the parties, each one's
 * latest message the contact could see, and that message's presentation), as loadConversationPush
 * gives one. Bulk changes present a batch's conversations once, after all its changes (WF5).
 */
export async function loadConversationPushes(db: Db, conversationIds: number[]): Promise<Map<number, ConversationPush>> {
  const out = new Map<number, ConversationPush>();
  if (!conversationIds.length) return out;
  // Sequential on purpose: the handle may be a transaction, one connection that must not be shared.
  const rows = await loadConversationsParties(db, conversationIds);
  // Chatwoot's "last chat message": the latest message the contact could also see, per conversation.
  const lastRows = await db
    .selectDistinctOn([messages.conversationId])
    .from(messages)
    .where(and(inArray(messages.conversationId, conversationIds), ne(messages.messageType, "activity"), eq(messages.private, false)))
    .orderBy(messages.conversationId, desc(messages.createdAt), desc(messages.id));
  const lastPushes = await loadMessagePushes(db, lastRows);
  const lastByConversation = new Map(lastRows.map((m, i) => [m.conversationId, lastPushes[i]!]));
  for (const row of rows) {
    const lastMessage = lastByConversation.get(row.conversation.id) ?? null;
    out.set(
      row.conversation.id,
      presentConversationPush({
        conversation: row.conversation,
        channel: row.channel,
        contact: presentContactPush(row.contact),
        contactInbox: row.contactInbox,
        team: row.team,
        assignee: row.assignee ? presentUserPush(row.assignee, row.membership?.availability ?? null) : null,
        lastMessage,
        // Incoming messages are visible to the contact, so a conversation without such a message has none unread.
        unreadCount: lastMessage?.conversation.unread_count ?? 0,
      }),
    );
  }
  return out;
}
