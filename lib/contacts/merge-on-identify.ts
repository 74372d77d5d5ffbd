import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactInboxes, contacts, type Contact, type ContactInbox } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { mergeContactInto } from "./merge-contacts";

export type IdentifyMerge = { contact: Contact; contactInbox: ContactInbox; merged: boolean };

/**
 * W3: a visitor on an anonymous contact proves (valid identifier_hash) to be the person who already
 * owns `identifier` — the anonymous contact is merged into that person, so their history is one.
 * The visitor's contact_inbox moves with it: its source_id, widget token and pubsub token keep
 * working, and it becomes verified. The anonymous contact's other contact_inboxes move too but lose
 * any verified flag: they never proved this identity.
 *
 * Proof is required because merging hands the visitor the person's verified history; an unverified
 * claim never reaches this function. Only the HMAC-signed identifier counts — an email or phone sent
 * alongside is the visitor's word, so Parley never merges on it (Chatwoot does, ContactIdentifyAction).
 *
 * Concurrency: the contact_inbox row is locked first, then both contacts in id order, and the state
 * is re-read under the locks — two tabs identifying at once merge once; the second finds the
 * contact_inbox already on the person and merges nothing.
 *
 * Returns null when there is nothing to merge into (nobody else holds the identifier) or the
 * contact is not anonymous (it has an identifier of its own: that is a switch, not a merge).
 */
export async function mergeOnVerifiedIdentify(db: Db, { accountId, contactInboxId, identifier }: { accountId: number; contactInboxId: number; identifier: string }): Promise<IdentifyMerge | null> {
  return db.transaction(async (tx) => {
    const [ci] = await tx
      .select()
      .from(contactInboxes)
      .where(and(eq(contactInboxes.id, contactInboxId), eq(contactInboxes.accountId, accountId)))
      .for("update");
    if (!ci) throw AppError.notFound();
    const [owner] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), eq(contacts.identifier, identifier)));
    if (!owner) return null;
    const locked = await tx
      .select()
      .from(contacts)
      .where(inArray(contacts.id, [...new Set([ci.contactId, owner.id])]))
      .orderBy(asc(contacts.id))
      .for("update");
    const base = locked.find((c) => c.id === owner.id);
    const current = locked.find((c) => c.id === ci.contactId);
    // The identifier moved between the lookup and the lock: nothing safe to merge into.
    if (!base || base.identifier !== identifier || !current) return null;
    if (current.id === base.id) return { contact: base, contactInbox: await markVerified(tx, ci), merged: false };
    if (current.identifier !== null) return null;
    await tx
      .update(contactInboxes)
      .set({ hmacVerified: false })
      .where(and(eq(contactInboxes.contactId, current.id), ne(contactInboxes.id, ci.id)));
    const contact = await mergeContactInto(tx, { base, mergee: current });
    const [moved] = await tx.select().from(contactInboxes).where(eq(contactInboxes.id, ci.id));
    return { contact, contactInbox: await markVerified(tx, moved!), merged: true };
  });
}

async function markVerified(tx: Db, ci: ContactInbox): Promise<ContactInbox> {
  if (ci.hmacVerified) return ci;
  const [row] = await tx.update(contactInboxes).set({ hmacVerified: true, updatedAt: new Date() }).where(eq(contactInboxes.id, ci.id)).returning();
  return row!;
}
