import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contactInboxes, contacts, type Contact, type ContactInbox, type Inbox, type WebWidget } from "@/db/schema";
import { findOrCreateContactInbox } from "@/lib/contacts/contact-inboxes";
import { verifyIdentity } from "@/lib/contacts/identity-verification";
import { mergeOnVerifiedIdentify } from "@/lib/contacts/merge-on-identify";
import { updateContact } from "@/lib/contacts/save-contact";
import { recordUnverifiedIdentifier } from "@/lib/contacts/unverified-identifier";
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
 * A proven identity (valid identifier_hash):
 * - held by another contact, sent by an anonymous visitor: the visitor's contact is merged into that
 *   person (lib/contacts/merge-on-identify.ts), so the history is one. The visitor's token keeps
 *   working; a new one for the same contact_inbox is answered anyway, so the widget reloads the
 *   person's view and re-subscribes (their other verified devices included).
 * - held by another contact while the visitor already is someone else: the visitor becomes that
 *   person on a new contact_inbox and gets a new token (`widget_auth_token`, Chatwoot #15933), joining
 *   the person's other verified devices.
 * - held by nobody: it becomes the visitor's contact's identifier.
 *
 * An unproven claim (issue #13 §1) never attaches to, reads or edits a contact someone else holds:
 * the identifier is recorded on a contact of the visitor's own as unverified
 * (lib/contacts/unverified-identifier.ts), never as its `identifier`. When the visitor's contact
 * already stands for someone else (an identifier, or another unverified claim — a shared computer),
 * the visitor starts a new contact of their own with a new token, so the previous person's history
 * stays with them.
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
  if (!verified || !identifier) return identifyUnverified(db, args, identifier);

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

  const owner = await findContactByIdentifier(db, { accountId: inbox.accountId, identifier, exceptId: contact.id });
  // The person appeared after the merge looked (another device proving the same identifier committed
  // in between): merge into them now rather than joining them on a new device and leaving this
  // anonymous contact behind.
  if (owner && contact.identifier === null && attempt < 2) return identify(db, args, attempt + 1);
  const switching = owner !== null || (contact.identifier !== null && contact.identifier !== identifier);
  if (!switching) {
    return db.transaction(async (tx) => {
      const updated = await updateContact(tx, { accountId: contact.accountId, contactId: contact.id, input: fieldsOf(body, { withIdentifier: true }), mode: "discard" });
      const proven = updated.unverifiedIdentifier === null ? updated : await recordUnverifiedIdentifier(tx, { accountId: contact.accountId, contactId: contact.id, identifier: null });
      return { contact: proven, contactInbox: await markVerified(tx, contactInbox) };
    });
  }
  // Only the identifier's holder is joined: an email or phone sent alongside is unsigned, and joining
  // its holder (verified, at that) would open their history to whoever typed it.
  const next = await findOrCreateContactInbox(db, {
    accountId: inbox.accountId,
    inboxId: inbox.id,
    contact: fieldsOf(body, { withIdentifier: true }),
    mode: "discard",
    hmacVerified: true,
    reuse: "identifier",
  });
  const person = owner ? await updateContact(db, { accountId: inbox.accountId, contactId: next.contact.id, input: fieldsOf(body, { withIdentifier: false }), mode: "discard" }) : next.contact;
  const widgetAuthToken = await signWidgetToken({ source_id: next.contactInbox.sourceId, inbox_id: inbox.id });
  return { contact: person, contactInbox: next.contactInbox, widgetAuthToken };
}

/**
 * No proof (and none required by the inbox): the visitor's own fields go on the visitor's own contact
 * and a claimed identifier is recorded there as unverified. A contact that already stands for
 * someone else is left to them: the visitor moves to a new contact of their own.
 */
async function identifyUnverified(db: Db, { inbox, contact, contactInbox, body }: IdentifyArgs, identifier: string | null): Promise<SetUserResult> {
  const fields = fieldsOf(body, { withIdentifier: false });
  const claimed = identifier ?? contact.unverifiedIdentifier;
  const standsForSomeoneElse =
    identifier !== null && ((contact.identifier !== null && contact.identifier !== identifier) || (contact.unverifiedIdentifier !== null && contact.unverifiedIdentifier !== identifier));
  if (!standsForSomeoneElse) {
    return db.transaction(async (tx) => {
      const updated = await updateContact(tx, { accountId: contact.accountId, contactId: contact.id, input: fields, mode: "discard" });
      // A claim of the identity the contact already has (proven or set by an agent) adds nothing.
      const same = identifier === null || contact.identifier === identifier || updated.unverifiedIdentifier === claimed;
      const person = same ? updated : await recordUnverifiedIdentifier(tx, { accountId: contact.accountId, contactId: contact.id, identifier: claimed });
      return { contact: person, contactInbox };
    });
  }
  return db.transaction(async (tx) => {
    const next = await findOrCreateContactInbox(tx, { accountId: inbox.accountId, inboxId: inbox.id, contact: fields, mode: "discard", reuse: "none" });
    const own = await recordUnverifiedIdentifier(tx, { accountId: inbox.accountId, contactId: next.contact.id, identifier });
    const widgetAuthToken = await signWidgetToken({ source_id: next.contactInbox.sourceId, inbox_id: inbox.id });
    return { contact: own, contactInbox: next.contactInbox, widgetAuthToken };
  });
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
