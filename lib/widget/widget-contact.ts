import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contactInboxes, contacts, type Contact, type ContactInbox, type Inbox, type WebWidget } from "@/db/schema";
import { findOrCreateContactInbox } from "@/lib/contacts/contact-inboxes";
import { HMAC_FAILED, verifyIdentity } from "@/lib/contacts/identity-verification";
import { mergeOnVerifiedIdentify } from "@/lib/contacts/merge-on-identify";
import { updateContact } from "@/lib/contacts/save-contact";
import { AppError } from "@/lib/errors";
import { visitorContactFields } from "@/lib/contacts/contact-input";
import { attributes } from "@/lib/validation";
import { signWidgetToken } from "./widget-token";

/** §C3/§C4 body. Email and phone are only type-checked here: invalid values are discarded later (K1, widget). */
export const widgetContactBodySchema = z.object({
  ...visitorContactFields,
  additional_attributes: attributes().optional(),
});
export type WidgetContactBody = z.output<typeof widgetContactBodySchema>;

export type ContactSummary = { id: number; has_email: boolean; has_name: boolean; has_phone_number: boolean };

export function presentContactSummary(c: Contact): ContactSummary {
  return { id: c.id, has_email: Boolean(c.email), has_name: Boolean(c.name), has_phone_number: Boolean(c.phoneNumber) };
}

/** Non-blank contact fields of a body, in the contact engine's input shape. */
function fieldsOf(body: WidgetContactBody, { withIdentifier }: { withIdentifier: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["name", "email", "phone_number", ...(withIdentifier ? ["identifier"] : [])] as const) {
    const v = body[key as keyof WidgetContactBody];
    if (typeof v === "string" && v.trim() !== "") out[key] = v;
  }
  if (body.custom_attributes) out.custom_attributes = body.custom_attributes;
  if (body.additional_attributes) out.additional_attributes = body.additional_attributes;
  return out;
}

/**
 * §C3: updates the visitor's own contact. No identity is claimed here — `identifier` is ignored (it can
 * only be set through set_user, where HMAC applies). Invalid or taken email/phone are dropped (K1).
 */
export async function updateWidgetContact(db: Db, { contact, body }: { contact: Contact; body: WidgetContactBody }): Promise<Contact> {
  return updateContact(db, { accountId: contact.accountId, contactId: contact.id, input: fieldsOf(body, { withIdentifier: false }), mode: "discard" });
}

export type SetUserResult = { contact: Contact; contactInbox: ContactInbox; widgetAuthToken?: string };

/**
 * §C4 set_user (W3). HMAC is checked when a hash is sent or the inbox makes it mandatory (401
 * otherwise; Chatwoot skips the check for a custom-attributes-only call without identifier).
 *
 * - A verified identifier that another contact holds, sent by an anonymous visitor: the visitor's
 *   contact is merged into that person (lib/contacts/merge-on-identify.ts), so the history is one.
 *   The visitor's token keeps working; a new one for the same contact_inbox is answered anyway, so
 *   the widget reloads the person's view and re-subscribes (their other verified devices included).
 * - Otherwise, when the identifier is not the current contact's — another contact holds it
 *   (unverified), or the current contact already has a different one — the visitor becomes that
 *   person on a new contact_inbox and gets a new token (`widget_auth_token`): the widget then
 *   re-subscribes with it, so replies keep arriving (Chatwoot #15933). A verified switch joins that
 *   person's other verified devices. An unverified claim never edits another person's contact and
 *   never sees their history — merging on it would hand anyone who types an identifier (or an email)
 *   someone else's conversations.
 */
export async function setWidgetUser(
  db: Db,
  args: { inbox: Inbox; widget: Pick<WebWidget, "hmacToken" | "hmacMandatory">; contact: Contact; contactInbox: ContactInbox; body: WidgetContactBody },
): Promise<SetUserResult> {
  try {
    return await identify(db, args);
  } catch (err) {
    // Two anonymous visitors proving the same new identifier at once: the loser's write collides on
    // the identifier; once more, it finds the winner and merges into them.
    if (!(err instanceof AppError && err.fields?.identifier && args.body.identifier_hash?.trim())) throw err;
    return identify(db, args);
  }
}

type IdentifyArgs = { inbox: Inbox; widget: Pick<WebWidget, "hmacToken" | "hmacMandatory">; contact: Contact; contactInbox: ContactInbox; body: WidgetContactBody };

async function identify(db: Db, args: IdentifyArgs, attempt = 0): Promise<SetUserResult> {
  const { inbox, widget, contact, contactInbox, body } = args;
  const identifier = body.identifier?.trim() || null;
  const skipCheck = !identifier && body.custom_attributes !== undefined && !body.identifier_hash?.trim();
  const verified = skipCheck ? false : verifyIdentity({ identifier, identifierHash: body.identifier_hash }, widget);

  if (verified && identifier) {
    const merged = await db.transaction(async (tx) => {
      const m = await mergeOnVerifiedIdentify(tx, { accountId: inbox.accountId, contactInboxId: contactInbox.id, identifier });
      if (!m) return null;
      // The visitor proved to be this person: their other fields may update the surviving contact.
      const updated = await updateContact(tx, { accountId: inbox.accountId, contactId: m.contact.id, input: fieldsOf(body, { withIdentifier: false }), mode: "discard" });
      return { ...m, contact: updated };
    });
    if (merged) {
      // A new token whenever this caller's view changed person (this merge, or a second tab's merge
      // it raced): same contact_inbox, so the old token keeps working too.
      const widgetAuthToken = merged.contact.id !== contact.id ? await signWidgetToken({ source_id: merged.contactInbox.sourceId, inbox_id: inbox.id }) : undefined;
      return { contact: merged.contact, contactInbox: merged.contactInbox, ...(widgetAuthToken && { widgetAuthToken }) };
    }
  }

  const owner = identifier ? await findContactByIdentifier(db, { accountId: inbox.accountId, identifier, exceptId: contact.id }) : null;
  // The person appeared after the merge looked (another device proving the same identifier committed
  // in between): merge into them now rather than joining them on a new device and leaving this
  // anonymous contact behind.
  if (verified && owner && contact.identifier === null && attempt < 2) return identify(db, args, attempt + 1);
  const switching = identifier !== null && (owner !== null || (contact.identifier !== null && contact.identifier !== identifier));
  if (!switching) {
    return db.transaction(async (tx) => {
      const updated = await updateContact(tx, { accountId: contact.accountId, contactId: contact.id, input: fieldsOf(body, { withIdentifier: true }), mode: "discard" });
      const ci = verified ? await markVerified(tx, contactInbox) : contactInbox;
      return { contact: updated, contactInbox: ci };
    });
  }
  if (widget.hmacMandatory && !verified) throw new AppError("unauthorized", HMAC_FAILED);
  const fields = fieldsOf(body, { withIdentifier: true });
  // Only the identifier's holder is joined: an email or phone sent alongside is unsigned, and joining
  // its holder (verified, at that) would open their history to whoever typed it.
  const next = await findOrCreateContactInbox(db, { accountId: inbox.accountId, inboxId: inbox.id, contact: fields, mode: "discard", hmacVerified: verified, reuse: "identifier" });
  // A found contact is only updated when the visitor proved to be them.
  const person = owner && verified ? await updateContact(db, { accountId: inbox.accountId, contactId: next.contact.id, input: fieldsOf(body, { withIdentifier: false }), mode: "discard" }) : next.contact;
  const widgetAuthToken = await signWidgetToken({ source_id: next.contactInbox.sourceId, inbox_id: inbox.id });
  return { contact: person, contactInbox: next.contactInbox, widgetAuthToken };
}

async function findContactByIdentifier(db: Db, { accountId, identifier, exceptId }: { accountId: number; identifier: string; exceptId: number }): Promise<Contact | null> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.identifier, identifier), ne(contacts.id, exceptId)))
    .limit(1);
  return row ?? null;
}

async function markVerified(db: Db, contactInbox: ContactInbox): Promise<ContactInbox> {
  if (contactInbox.hmacVerified) return contactInbox;
  const [row] = await db.update(contactInboxes).set({ hmacVerified: true, updatedAt: new Date() }).where(eq(contactInboxes.id, contactInbox.id)).returning();
  return row!;
}
