import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, type ContactInbox, type Conversation, type Inbox } from "@/db/schema";
import { contactConversationScope } from "@/lib/conversations/contact-conversations";
import { findOrCreateConversationByContactInbox } from "@/lib/conversations/find-or-create-conversation";
import type { CreateConversationInput } from "@/lib/conversations/create-conversation";

/**
 * The widget's "current conversation" (chatwoot-api.md §C): the latest conversation the token's
 * contact_inbox reaches in this inbox — for an HMAC-verified visitor that includes the conversations
 * of their other verified devices (W3), so a phone continues what the laptop started.
 */
export async function findCurrentConversation(db: Db, { inbox, contactInbox }: { inbox: Pick<Inbox, "id">; contactInbox: ContactInbox }): Promise<Conversation | null> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(contactConversationScope(db, contactInbox), eq(conversations.inboxId, inbox.id)))
    .orderBy(desc(conversations.id))
    .limit(1);
  return row ?? null;
}

/**
 * The conversation a visitor's message goes to: the current one while it may still take messages
 * (not resolved, or resolved with allow_messages_after_resolved / lock_to_single_conversation on),
 * else one found or created under the contact_inbox's row lock — so two tabs, a reload mid-send or a
 * retried pre-chat form all land in one conversation (Chatwoot #6128, #12798).
 */
export async function conversationForVisitorMessage(
  db: Db,
  {
    inbox,
    contactInbox,
    input,
    beforeNew,
  }: {
    inbox: Inbox;
    contactInbox: ContactInbox;
    input?: CreateConversationInput;
    /** Runs when a new conversation may be opened (W6 counts it per IP); throwing stops it. */
    beforeNew?: () => Promise<void>;
  },
): Promise<{ conversation: Conversation; created: boolean }> {
  const current = await findCurrentConversation(db, { inbox, contactInbox });
  if (current && takesMessages(current, inbox)) return { conversation: current, created: false };
  await beforeNew?.();
  return findOrCreateConversationByContactInbox(db, { accountId: inbox.accountId, contactInboxId: contactInbox.id, input });
}

/** Whether a visitor's next message may go into this conversation. */
export function takesMessages(c: Pick<Conversation, "status">, inbox: Pick<Inbox, "allowMessagesAfterResolved" | "lockToSingleConversation">): boolean {
  return c.status !== "resolved" || inbox.allowMessagesAfterResolved || inbox.lockToSingleConversation;
}
