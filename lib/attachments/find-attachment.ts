import { and, eq, exists, ne, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, conversations, inboxMembers, messages, type Attachment, type ContactInbox, type Role } from "@/db/schema";
import { contactConversationScope } from "@/lib/conversations/contact-conversations";
import { AppError } from "@/lib/errors";

/**
 * An attachment as a user may reach it: administrators anywhere in their account, agents only in
 * conversations of inboxes they belong to (as getConversationOrThrow). Anything else is a 404.
 */
export async function getAttachmentForUserOrThrow(db: Db, { accountId, attachmentId, user }: { accountId: number; attachmentId: number; user: { id: number; role: Role } }): Promise<Attachment> {
  const membership =
    user.role === "administrator"
      ? undefined
      : exists(
          db
            .select({ one: inboxMembers.id })
            .from(inboxMembers)
            .where(and(eq(inboxMembers.inboxId, conversations.inboxId), eq(inboxMembers.userId, user.id))),
        );
  return findOrThrow(db, and(eq(attachments.id, attachmentId), eq(attachments.accountId, accountId), membership)!);
}

/**
 * An attachment as a contact may reach it: in the contact's own conversations (contactConversationScope),
 * on a message the contact sees (M5: no private notes, no activity). Anything else is a 404.
 */
export async function getAttachmentForContactOrThrow(db: Db, { contactInbox, attachmentId }: { contactInbox: ContactInbox; attachmentId: number }): Promise<Attachment> {
  return findOrThrow(db, and(eq(attachments.id, attachmentId), contactConversationScope(db, contactInbox), eq(messages.private, false), ne(messages.messageType, "activity"))!);
}

async function findOrThrow(db: Db, where: SQL): Promise<Attachment> {
  const [row] = await db
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(where)
    .limit(1);
  if (!row) throw AppError.notFound();
  return row.attachment;
}
