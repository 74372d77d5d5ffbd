import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactInboxes, conversations, inboxes, type Conversation } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createConversation, type CreateConversationInput } from "./create-conversation";

/**
 * The conversation a contact's next message goes to (widget / client API): the contact_inbox's
 * latest conversation, or a new one when there is none — or when the latest is resolved and the
 * inbox does not allow messages after resolution (`allow_messages_after_resolved` off), or when the
 * caller asks for a new one and the inbox is not locked to a single conversation. The contact_inbox
 * row is locked, so two first messages at once share one new conversation.
 */
export async function findOrCreateConversationByContactInbox(
  db: Db,
  { accountId, contactInboxId, startNew = false, input, now = new Date() }: { accountId: number; contactInboxId: number; startNew?: boolean; input?: CreateConversationInput; now?: Date },
): Promise<{ conversation: Conversation; created: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ contactInbox: contactInboxes, allowAfterResolved: inboxes.allowMessagesAfterResolved, lockToSingle: inboxes.lockToSingleConversation })
      .from(contactInboxes)
      .innerJoin(inboxes, eq(inboxes.id, contactInboxes.inboxId))
      .where(and(eq(contactInboxes.id, contactInboxId), eq(contactInboxes.accountId, accountId)))
      .for("update", { of: contactInboxes });
    if (!row) throw AppError.notFound();
    const [latest] = await tx.select().from(conversations).where(eq(conversations.contactInboxId, contactInboxId)).orderBy(desc(conversations.createdAt), desc(conversations.id)).limit(1);
    const reuse = latest && (row.lockToSingle || (!startNew && (latest.status !== "resolved" || row.allowAfterResolved)));
    if (reuse) return { conversation: latest, created: false };
    const ci = row.contactInbox;
    const conversation = await createConversation(tx, { accountId, inboxId: ci.inboxId, contactId: ci.contactId, contactInboxId: ci.id, input, now });
    return { conversation, created: true };
  });
}
