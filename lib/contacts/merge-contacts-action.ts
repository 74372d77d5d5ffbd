import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactNotes, contacts, type Contact } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { appendEvent } from "@/lib/realtime/append-event";
import { mergeContactInto } from "./merge-contacts";

/**
 * `POST /actions/contact_merge` (Chatwoot's ContactMergeAction), in one transaction with both rows
 * locked (in id order, so two merges of the same pair cannot deadlock): the mergee's conversations,
 * contact_inboxes, sent messages and notes move to the base; the base's blank email, phone,
 * identifier and attributes are filled from the mergee (the base's own values win); the mergee is
 * deleted. Agents see `contact.merged` (the base, with `mergee_id`) besides the contact and
 * conversation updates. Merging a contact into itself returns it unchanged (Chatwoot).
 */
export async function mergeContacts(db: Db, { accountId, baseId, mergeeId }: { accountId: number; baseId: number; mergeeId: number }): Promise<Contact> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), inArray(contacts.id, [baseId, mergeeId])))
      .orderBy(asc(contacts.id))
      .for("update");
    const base = rows.find((r) => r.id === baseId);
    const mergee = rows.find((r) => r.id === mergeeId);
    if (!base || !mergee) throw AppError.notFound();
    if (base.id === mergee.id) return base;
    await tx.update(contactNotes).set({ contactId: base.id }).where(eq(contactNotes.contactId, mergee.id));
    const merged = await mergeContactInto(tx, { base, mergee });
    await appendEvent(tx, { accountId, type: "contact.merged", payload: { ...presentContactPush(merged), mergee_id: mergee.id } });
    return merged;
  });
}
