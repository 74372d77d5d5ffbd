import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, labels } from "@/db/schema";
import { labelsInputSchema, type LabelsInput } from "@/lib/conversations/conversation-labels";
import { AppError } from "@/lib/errors";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { appendEvent } from "@/lib/realtime/append-event";
import { parseInput } from "@/lib/validation";

export { labelsInputSchema as contactLabelsInputSchema };

/**
 * K4: a contact's labels (Chatwoot's `POST /contacts/:id/labels` replaces them). Titles are the
 * account's labels, lower-case; an unknown one is a 422 naming `labels` and nothing is written.
 * The row is locked for the change, so two agents' replacements apply one after the other; a change
 * emits `contact.updated` in the same transaction.
 */
export async function setContactLabels(db: Db, { accountId, contactId, input }: { accountId: number; contactId: number; input: LabelsInput }): Promise<string[]> {
  const given = [...new Set(parseInput(labelsInputSchema, input).labels)];
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.accountId, accountId)))
      .for("update");
    if (!contact) throw AppError.notFound();
    if (given.length) {
      const known = await tx
        .select({ title: labels.title })
        .from(labels)
        .where(and(eq(labels.accountId, accountId), inArray(labels.title, given)));
      const missing = given.filter((g) => !known.some((k) => k.title === g));
      if (missing.length) throw AppError.validation({ labels: [`do not exist: ${missing.join(", ")}`] });
    }
    if (given.length === contact.labels.length && given.every((l, i) => l === contact.labels[i])) return contact.labels;
    const [row] = await tx.update(contacts).set({ labels: given, updatedAt: new Date() }).where(eq(contacts.id, contact.id)).returning();
    await appendEvent(tx, { accountId, type: "contact.updated", payload: presentContactPush(row!) });
    return row!.labels;
  });
}
