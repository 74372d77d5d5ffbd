import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactInboxes, contacts, conversations, messages, type Contact } from "@/db/schema";
import { emitConversationEvents } from "@/lib/conversations/emit-conversation-events";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { appendEvent } from "@/lib/realtime/append-event";
import { contactTypeFor } from "./save-contact";

/**
 * Folds `mergee` into `base` (Chatwoot's ContactMergeAction): the mergee's conversations,
 * contact_inboxes (so their source_ids and tokens keep working) and the messages it sent become the
 * base's; attributes, email and phone fill only what the base lacks — the base's own values win —
 * and the mergee is deleted. Events: `conversation.updated` per moved conversation and
 * `contact.updated` for the base, so agents' lists show the surviving contact.
 *
 * The caller runs this in its transaction with both contact rows locked, and decides whether the
 * merge is allowed at all (W3: only on a proven identity — see lib/contacts/merge-on-identify.ts).
 */
export async function mergeContactInto(tx: Db, { base, mergee }: { base: Contact; mergee: Contact }): Promise<Contact> {
  const moved = await tx.update(conversations).set({ contactId: base.id, updatedAt: new Date() }).where(eq(conversations.contactId, mergee.id)).returning();
  if (moved.length) {
    // Only the mergee's own conversations can hold its messages, so the update stays on that index.
    await tx
      .update(messages)
      .set({ senderId: base.id })
      .where(
        and(
          inArray(
            messages.conversationId,
            moved.map((c) => c.id),
          ),
          eq(messages.senderType, "contact"),
          eq(messages.senderId, mergee.id),
        ),
      );
  }
  await tx.update(contactInboxes).set({ contactId: base.id, updatedAt: new Date() }).where(eq(contactInboxes.contactId, mergee.id));
  // Deleted first: email and phone are unique per account, and the base may take them over.
  await tx.delete(contacts).where(eq(contacts.id, mergee.id));
  const email = base.email ?? mergee.email;
  const [row] = await tx
    .update(contacts)
    .set({
      email,
      phoneNumber: base.phoneNumber ?? mergee.phoneNumber,
      identifier: base.identifier ?? mergee.identifier,
      customAttributes: { ...mergee.customAttributes, ...base.customAttributes },
      additionalAttributes: { ...mergee.additionalAttributes, ...base.additionalAttributes },
      // K4: the mergee's labels join the base's.
      labels: [...base.labels, ...mergee.labels.filter((l) => !base.labels.includes(l))],
      lastActivityAt: latest(base.lastActivityAt, mergee.lastActivityAt),
      contactType: contactTypeFor(base.contactType, email),
      updatedAt: new Date(),
    })
    .where(eq(contacts.id, base.id))
    .returning();
  await appendEvent(tx, { accountId: base.accountId, type: "contact.updated", payload: presentContactPush(row!) });
  for (const c of moved) await emitConversationEvents(tx, c, ["conversation.updated"]);
  return row!;
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}
