import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, contacts, conversations, messages } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { appendEvent } from "@/lib/realtime/append-event";
import { blobStore } from "@/lib/storage";

/**
 * Deletes a contact with everything that is theirs, in one transaction: their conversations, those
 * conversations' messages and attachments (rows cascade; the files are removed from the blob store
 * here), contact_inboxes and notes (cascade). Open streams get `contact.deleted` with the contact and
 * the display ids of the conversations that went, so lists drop them without a reload.
 */
export async function deleteContact(db: Db, { accountId, contactId }: { accountId: number; contactId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const [contact] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.accountId, accountId)))
      .for("update");
    if (!contact) throw AppError.notFound();
    const gone = await tx.select({ id: conversations.id, displayId: conversations.displayId }).from(conversations).where(eq(conversations.contactId, contact.id));
    if (gone.length) {
      const files = await tx
        .select({ storageKey: attachments.storageKey })
        .from(attachments)
        .innerJoin(messages, eq(messages.id, attachments.messageId))
        .where(
          inArray(
            messages.conversationId,
            gone.map((c) => c.id),
          ),
        );
      await blobStore().remove(
        tx,
        files.map((f) => f.storageKey),
      );
      await tx.delete(conversations).where(
        inArray(
          conversations.id,
          gone.map((c) => c.id),
        ),
      );
    }
    await tx.delete(contacts).where(eq(contacts.id, contact.id));
    await appendEvent(tx, { accountId, type: "contact.deleted", payload: { ...presentContactPush(contact), conversation_ids: gone.map((c) => c.displayId) } });
  });
}
