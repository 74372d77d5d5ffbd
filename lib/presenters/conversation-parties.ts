import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, contactInboxes, contacts, conversations, inboxes, teams, users } from "@/db/schema";

/**
 * A conversation with what its presentations (AppConversation, ConversationPush) show beside it: the
 * inbox's channel, the contact, the contact_inbox, the assignee (null when unassigned) and their
 * membership of the account (null when they are no longer a member). One statement.
 */
export async function loadConversationParties(db: Db, conversationId: number) {
  const [row] = await loadConversationsParties(db, [conversationId]);
  if (!row) throw new Error(`conversation ${conversationId} vanished while presenting it`);
  return row;
}

/** loadConversationParties for many conversations at once (a batch's presentations), in one statement; no row for an id that is gone. */
export function loadConversationsParties(db: Db, conversationIds: number[]) {
  return db
    .select({
      conversation: conversations,
      channel: inboxes.channelType,
      contact: contacts,
      contactInbox: contactInboxes,
      assignee: { id: users.id, name: users.name, displayName: users.displayName, email: users.email },
      team: teams,
      membership: { accountId: accountUsers.accountId, role: accountUsers.role, availability: accountUsers.availability, autoOffline: accountUsers.autoOffline },
    })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(contactInboxes, eq(contactInboxes.id, conversations.contactInboxId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .leftJoin(accountUsers, and(eq(accountUsers.userId, users.id), eq(accountUsers.accountId, conversations.accountId)))
    .where(inArray(conversations.id, conversationIds));
}
