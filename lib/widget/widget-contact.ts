import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contactInboxes, contacts, type Contact, type ContactInbox, type Inbox, type WebWidget } from "@/db/schema";
import { findOrCreateContactInbox } from "@/lib/contacts/contact-inboxes";
import { HMAC_FAILED, verifyIdentity } from "@/lib/contacts/identity-verification";
import { updateContact } from "@/lib/contacts/save-contact";
import { AppError } from "@/lib/errors";
import { jsonWithoutNul, noNul, NUL_MESSAGE } from "@/lib/validation";
import { signWidgetToken } from "./widget-token";

const text = (max: number) => z.string().max(max, `is too long (maximum is ${max} characters)`).refine(noNul, NUL_MESSAGE);
const attributes = z.record(z.string(), z.unknown()).refine(jsonWithoutNul, NUL_MESSAGE);

/** C3/C4 body. Email and phone are only type-checked here: invalid values are discarded later (K1, widget). */
export const widgetContactBodySchema = z.object({
  identifier: text(255).nullish(),
  identifier_hash: text(255).nullish(),
  name: text(255).nullish(),
  email: text(255).nullish(),
  phone_number: text(255).nullish(),
  avatar_url: text(2048).nullish(),
  custom_attributes: attributes.optional(),
  additional_attributes: attributes.optional(),
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
 * C3: updates the visitor's own contact. No identity is claimed here — `identifier` is ignored (it can
 * only be set through set_user, where HMAC applies). Invalid or taken email/phone are dropped (K1).
 */
export async function updateWidgetContact(db: Db, { contact, body }: { contact: Contact; body: WidgetContactBody }): Promise<Contact> {
  return updateContact(db, { accountId: contact.accountId, contactId: contact.id, input: fieldsOf(body, { withIdentifier: false }), mode: "discard" });
}

export type SetUserResult = { contact: Contact; contactInbox: ContactInbox; widgetAuthToken?: string };

/**
 * C4 set_user (W3). HMAC is checked when a hash is sent or the inbox makes it mandatory (401
 * otherwise; Chatwoot skips the check for a custom-attributes-only call without identifier).
 *
 * When the identifier is not the current contact's — it belongs to another contact, or the current
 * contact already has a different one — the visitor becomes that person on a new contact_inbox and
 * gets a new token (`widget_auth_token`): the widget then re-subscribes with it, so replies keep
 * arriving (Chatwoot #15933). A verified switch joins that person's other verified devices, so their
 * history follows them (W3). An unverified claim never edits another person's contact.
 */
export async function setWidgetUser(
  db: Db,
  { inbox, widget, contact, contactInbox, body }: { inbox: Inbox; widget: Pick<WebWidget, "hmacToken" | "hmacMandatory">; contact: Contact; contactInbox: ContactInbox; body: WidgetContactBody },
): Promise<SetUserResult> {
  const identifier = body.identifier?.trim() || null;
  const skipCheck = !identifier && body.custom_attributes !== undefined && !body.identifier_hash?.trim();
  const verified = skipCheck ? false : verifyIdentity({ identifier, identifierHash: body.identifier_hash }, widget);

  const owner = identifier ? await findContactByIdentifier(db, { accountId: inbox.accountId, identifier, exceptId: contact.id }) : null;
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
  const next = await findOrCreateContactInbox(db, { accountId: inbox.accountId, inboxId: inbox.id, contact: fields, mode: "discard", hmacVerified: verified });
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
