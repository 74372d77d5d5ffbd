import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, type Contact } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { appendEvent } from "@/lib/realtime/append-event";

/**
 * Records the identifier a visitor claimed without proof (issue #13 §1) on their own contact, where
 * agents see it marked unverified. It is never written to `identifier`, which only proof (W3) or an
 * agent sets: a contact holding an unproven identifier would later take in the real person's history
 * when they prove it (merge on identify), and hand it to whoever typed it first.
 */
export async function recordUnverifiedIdentifier(db: Db, { accountId, contactId, identifier }: { accountId: number; contactId: number; identifier: string | null }): Promise<Contact> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(contacts)
      .set({ unverifiedIdentifier: identifier, updatedAt: new Date() })
      .where(and(eq(contacts.id, contactId), eq(contacts.accountId, accountId)))
      .returning();
    if (!row) throw AppError.notFound();
    await appendEvent(tx, { accountId, type: "contact.updated", payload: presentContactPush(row) });
    return row;
  });
}
