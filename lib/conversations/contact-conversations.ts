import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactInboxes, conversations, type ContactInbox, type Conversation } from "@/db/schema";
import { AppError } from "@/lib/errors";

type ScopeSource = Pick<ContactInbox, "id" | "contactId" | "accountId" | "hmacVerified">;

/**
 * What a contact may reach (SPEC §8 "a contact token reaches only its own conversations"; W3): an
 * HMAC-verified contact_inbox reaches the conversations of all the contact's verified contact_inboxes
 * (one identity on every device), an unverified one only its own. A SQL condition, so ownership is
 * part of every query and a forgotten check cannot leak.
 */
export function contactConversationScope(db: Db, ci: ScopeSource): SQL {
  const reach = ci.hmacVerified
    ? inArray(
        conversations.contactInboxId,
        // Verified siblings only: an unverified device of the same contact has proved nothing.
        db
          .select({ id: contactInboxes.id })
          .from(contactInboxes)
          .where(and(eq(contactInboxes.accountId, ci.accountId), eq(contactInboxes.contactId, ci.contactId), eq(contactInboxes.hmacVerified, true))),
      )
    : eq(conversations.contactInboxId, ci.id);
  return and(eq(conversations.accountId, ci.accountId), eq(conversations.contactId, ci.contactId), reach)!;
}

/** §A4: the conversations the contact_inbox reaches, oldest first. */
export async function listConversationsByContactInbox(db: Db, { contactInbox }: { contactInbox: ScopeSource }): Promise<Conversation[]> {
  return db.select().from(conversations).where(contactConversationScope(db, contactInbox)).orderBy(asc(conversations.id));
}

/** One conversation by its per-account number, if the contact_inbox reaches it; anything else is a 404. */
export async function getConversationByContactInboxOrThrow(db: Db, { contactInbox, displayId }: { contactInbox: ScopeSource; displayId: number }): Promise<Conversation> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(contactConversationScope(db, contactInbox), eq(conversations.displayId, displayId)));
  if (!row) throw AppError.notFound();
  return row;
}
