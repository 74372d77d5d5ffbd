import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contactInboxes, inboxes, inboxMembers, type Contact, type ContactInbox, type Inbox, type Role } from "@/db/schema";
import { secureToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { recordId } from "@/lib/validation";
import { uniqueViolation } from "@/lib/pg-errors";
import { contactInputSchema } from "./contact-input";
import { createContact } from "./save-contact";

/** POST /contacts: the contact fields (K1) plus an optional inbox to open a contact_inbox in. */
export const appContactCreateSchema = contactInputSchema.extend({
  inbox_id: recordId.optional(),
  source_id: z.string().trim().min(1).max(255, "is too long (maximum is 255 characters)").optional(),
});
export type AppContactCreateInput = z.output<typeof appContactCreateSchema>;

/**
 * Creates the contact and, with `inbox_id`, its contact_inbox (source_id given or a UUID) in one
 * transaction: an unknown inbox is a 404 and a taken source_id a 422, and either leaves no contact
 * behind (Chatwoot would keep the contact).
 */
export async function createAppContact(
  db: Db,
  { accountId, input, viewer }: { accountId: number; input: AppContactCreateInput; viewer: { id: number; role: Role } },
): Promise<{ contact: Contact; contactInbox: ContactInbox | null; inbox: Inbox | null }> {
  const { inbox_id, source_id, ...fields } = input;
  try {
    return await db.transaction(async (tx) => {
      let inbox: Inbox | null = null;
      if (inbox_id !== undefined) {
        // An agent places contacts only in inboxes they are a member of (issue #13 §4): the source_id
        // is that inbox's Client API credential.
        const member = viewer.role === "administrator" ? undefined : inArray(inboxes.id, tx.select({ id: inboxMembers.inboxId }).from(inboxMembers).where(eq(inboxMembers.userId, viewer.id)));
        [inbox = null] = await tx
          .select()
          .from(inboxes)
          .where(and(eq(inboxes.id, inbox_id), eq(inboxes.accountId, accountId), member));
        if (!inbox) throw AppError.notFound();
      }
      const contact = await createContact(tx, { accountId, input: fields });
      if (!inbox) return { contact, contactInbox: null, inbox: null };
      const [contactInbox] = await tx
        .insert(contactInboxes)
        .values({ accountId, contactId: contact.id, inboxId: inbox.id, sourceId: source_id ?? randomUUID(), pubsubToken: secureToken() })
        .returning();
      return { contact, contactInbox: contactInbox!, inbox };
    });
  } catch (err) {
    if (uniqueViolation(err) === "contact_inboxes_inbox_source_key") throw AppError.validation({ source_id: ["has already been taken"] });
    throw err;
  }
}
