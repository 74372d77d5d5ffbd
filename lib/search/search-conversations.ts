import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { accountUsers, contacts, conversations, inboxes, messages, users, webWidgets } from "@/db/schema";
import { loadAppMessages, type AppMessage } from "@/lib/presenters/app-message";
import { epoch } from "@/lib/presenters/time";
import { presentSearchAgent, presentSearchContact, presentSearchInbox, type SearchContact } from "@/lib/presenters/search-result";
import { contactMatch, displayIdOf, SEARCH_PER_PAGE, type SearchArgs } from "./query";
import { withBitmapScans } from "./bitmap-scans";
import { inboxScope } from "./scope";

/** Past this many matching contacts, conversations are walked by activity instead (see below). */
const MATCHING_CONTACTS_CAP = 1000;

/** `search/conversations` (and, without additional_attributes, `search/_conversation_search_result`). */
export type ConversationSearchResult = {
  id: number;
  account_id: number;
  created_at: number;
  message: AppMessage | Record<string, never>;
  contact: SearchContact | Record<string, never>;
  inbox: ReturnType<typeof presentSearchInbox>;
  agent: ReturnType<typeof presentSearchAgent> | Record<string, never>;
  additional_attributes?: Record<string, unknown>;
};

/**
 * Conversations found by their number (`#1234` or `1234`) or by their contact's name, email,
 * identifier or phone (partial, trigram-indexed), in the agent's inboxes, latest activity first.
 * Statements: the matching contacts, the page, the page's first messages, their presentation.
 */
export async function searchConversations(db: Db, args: SearchArgs, { withAttributes = true }: { withAttributes?: boolean } = {}): Promise<ConversationSearchResult[]> {
  const { accountId, user, q, page = 1 } = args;
  const displayId = displayIdOf(q);
  // The matching contacts through the trigram indexes, up to a cap: then the conversations of those
  // few. Past the cap the words are common, and walking conversations by activity meets them soon.
  const matching = await withBitmapScans(db, async (tx) =>
    tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), contactMatch(q, sql`${contacts}`)))
      .limit(MATCHING_CONTACTS_CAP + 1),
  );
  const byContact =
    matching.length > MATCHING_CONTACTS_CAP
      ? sql`${conversations.contactId} in (select c.id from contacts c where c.account_id = ${accountId} and ${contactMatch(q, sql`c`)})`
      : matching.length
        ? inArray(
            conversations.contactId,
            matching.map((c) => c.id),
          )
        : undefined;
  const matched = displayId !== undefined ? or(eq(conversations.displayId, displayId), byContact) : byContact;
  if (!matched) return [];
  const assignee = alias(users, "assignee");
  const rows = await db
    .select({
      conversation: conversations,
      contact: contacts,
      inbox: { id: inboxes.id, name: inboxes.name, channelType: inboxes.channelType, widgetId: webWidgets.id },
      agent: { id: assignee.id, name: assignee.name, displayName: assignee.displayName, email: assignee.email, role: accountUsers.role },
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .leftJoin(webWidgets, eq(webWidgets.inboxId, inboxes.id))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(accountUsers, and(eq(accountUsers.userId, assignee.id), eq(accountUsers.accountId, conversations.accountId)))
    .where(and(eq(conversations.accountId, accountId), inboxScope(user, sql`${conversations.inboxId}`), matched))
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(SEARCH_PER_PAGE)
    .offset((page - 1) * SEARCH_PER_PAGE);
  if (!rows.length) return [];

  const firsts = await db
    .selectDistinctOn([messages.conversationId])
    .from(messages)
    .where(
      inArray(
        messages.conversationId,
        rows.map((r) => r.conversation.id),
      ),
    )
    .orderBy(messages.conversationId, asc(messages.createdAt), asc(messages.id));
  const presented = await loadAppMessages(db, firsts);
  const firstOf = new Map(firsts.map((m, i) => [m.conversationId, presented[i]!]));

  return rows.map(({ conversation: c, contact, inbox, agent }) => ({
    id: c.displayId,
    account_id: c.accountId,
    created_at: epoch(c.createdAt),
    message: firstOf.get(c.id) ?? {},
    contact: presentSearchContact(contact),
    inbox: presentSearchInbox(inbox),
    agent: agent?.id && agent.role ? presentSearchAgent({ ...agent, id: agent.id, name: agent.name!, email: agent.email!, role: agent.role }) : {},
    ...(withAttributes && { additional_attributes: c.additionalAttributes }),
  }));
}
