import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contactInboxes, type Contact, type ContactInbox, type Inbox, type WebWidget } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { text } from "@/lib/validation";
import { findOrCreateContactInbox, type ContactSession } from "./contact-inboxes";
import { parseContactInput, visitorContactFields } from "./contact-input";
import { HMAC_FAILED, verifyIdentity } from "./identity-verification";
import { mergeOnVerifiedIdentify } from "./merge-on-identify";
import { recordUnverifiedIdentifier } from "./unverified-identifier";
import { updateContact } from "./save-contact";

/**
 * The Client API's contact body (chatwoot-api.md §A A1/A3). Types are checked here (422 per field);
 * the contact fields themselves go through the contact rules (K1) in strict mode — only the widget
 * discards an invalid email or phone. Contact fields the public may not set (blocked, additional
 * attributes) are not accepted at all.
 */
export const publicContactBodySchema = z.object({
  source_id: text(255).trim().min(1, "can't be blank").optional(),
  ...visitorContactFields,
});
export type PublicContactBody = z.output<typeof publicContactBodySchema>;

/** The §A2 query: identity proof for an existing contact. */
export const publicContactQuerySchema = z.object({ identifier: text(255).optional(), identifier_hash: text(255).optional() });
export type PublicContactQuery = z.output<typeof publicContactQuerySchema>;

type Widget = Pick<WebWidget, "hmacToken" | "hmacMandatory">;
type Claim = { identifier?: string | null; identifier_hash?: string | null };

/**
 * §A1: the contact_inbox of `source_id` if it exists (returned unchanged, as Chatwoot), else a new one
 * (K1, K2). The identity is checked first (W3) and the fields validated before anything is written.
 * Like Chatwoot, creating does not mark the contact_inbox verified — showing or updating it with a
 * valid hash does.
 *
 * Which contact the new session joins (Parley, stricter than Chatwoot's identifier → email → phone):
 * with a valid identifier_hash, the identifier's holder; otherwise none — a contact of the caller's
 * own, without the identifier / email / phone another contact holds. The answer and every later call
 * with this source_id (§A2 shows, §A3 edits the contact) would otherwise hand a stranger who typed
 * someone's email that person's name, phone and attributes, and let them rewrite them.
 */
export async function createPublicContact(db: Db, { inbox, widget, body }: { inbox: Inbox; widget: Widget; body: PublicContactBody }): Promise<ContactSession> {
  const verified = verifyIdentity(claimOf(body), widget);
  // An unproven identifier is never the contact's identifier (issue #13 §1): it is recorded as claimed.
  const fields = parseContactInput(contactFields(body, { skipBlank: false, withIdentifier: verified }), "strict");
  const claimed = verified ? null : body.identifier?.trim() || null;
  const reuse = verified ? "identifier" : "none";
  const attempt = () => findOrCreateContactInbox(db, { accountId: inbox.accountId, inboxId: inbox.id, sourceId: body.source_id, contact: fields, mode: "strict", reuse });
  let session: ContactSession;
  try {
    session = await attempt();
  } catch (err) {
    // Two first requests at once: the loser's new contact collides with the winner's on
    // identifier/email/phone. Once more joins the winner (a proven identifier) or leaves the taken
    // keys out, instead of a 422.
    if (!(
      err instanceof AppError &&
      err.code === "validation" &&
      Object.values(err.fields ?? {})
        .flat()
        .includes("has already been taken")
    ))
      throw err;
    session = await attempt();
  }
  if (!session.created || !claimed) return session;
  return { ...session, contact: await recordUnverifiedIdentifier(db, { accountId: inbox.accountId, contactId: session.contact.id, identifier: claimed }) };
}

/** §A2: the contact as its session; a valid identity proof marks the contact_inbox verified. */
export async function showPublicContact(
  db: Db,
  { widget, contact, contactInbox, query }: { widget: Widget; contact: Contact; contactInbox: ContactInbox; query: PublicContactQuery },
): Promise<ContactInbox> {
  if (!verifyClaimFor(contact, query, widget)) return contactInbox;
  return markVerified(db, contactInbox);
}

/**
 * §A3: updates the contact (blank values are skipped, custom attributes merge; `identifier` only
 * proves identity and is not written — Chatwoot's ContactIdentifyAction). Invalid or taken email /
 * phone is a 422 (Chatwoot merges into the other contact; Parley refuses rather than silently fold
 * two people together on an unsigned claim). One transaction: a refused update leaves the
 * verification flag untouched and merges nothing.
 *
 * W3: an anonymous contact that proves (valid identifier_hash) to be the person who already owns
 * the identifier is merged into that person (lib/contacts/merge-on-identify.ts) and the person is
 * answered — its `id` differs, as Chatwoot's surviving contact; the source_id keeps working.
 */
export async function updatePublicContact(
  db: Db,
  { widget, contact, contactInbox, body }: { widget: Widget; contact: Contact; contactInbox: ContactInbox; body: PublicContactBody },
): Promise<Contact> {
  const verified = verifyClaimFor(contact, body, widget);
  const fields = parseContactInput(contactFields(body, { skipBlank: true, withIdentifier: false }), "strict");
  return db.transaction(async (tx) => {
    const merged = verified && body.identifier ? await mergeOnVerifiedIdentify(tx, { accountId: contact.accountId, contactInboxId: contactInbox.id, identifier: body.identifier }) : null;
    const updated = await updateContact(tx, { accountId: contact.accountId, contactId: merged?.contact.id ?? contact.id, input: fields, mode: "strict" });
    if (verified && !merged) await markVerified(tx, contactInbox);
    return updated;
  });
}

function claimOf(c: Claim) {
  return { identifier: c.identifier, identifierHash: c.identifier_hash };
}

/**
 * W3 for an existing contact. Chatwoot checks only that the hash matches the identifier sent; Parley
 * also requires that identifier to be the contact's own when it has one, so a visitor holding a valid
 * pair for themselves cannot verify someone else's contact_inbox.
 */
function verifyClaimFor(contact: Contact, claim: Claim, widget: Widget): boolean {
  const verified = verifyIdentity(claimOf(claim), widget);
  if (verified && contact.identifier && contact.identifier !== claim.identifier) throw new AppError("unauthorized", HMAC_FAILED);
  return verified;
}

async function markVerified(db: Db, contactInbox: ContactInbox): Promise<ContactInbox> {
  if (contactInbox.hmacVerified) return contactInbox;
  const [row] = await db.update(contactInboxes).set({ hmacVerified: true, updatedAt: new Date() }).where(eq(contactInboxes.id, contactInbox.id)).returning();
  return row!;
}

function contactFields(body: PublicContactBody, { skipBlank, withIdentifier }: { skipBlank: boolean; withIdentifier: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys: ("name" | "email" | "phone_number" | "identifier")[] = ["name", "email", "phone_number", ...(withIdentifier ? (["identifier"] as const) : [])];
  for (const key of keys) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    if (skipBlank && value.trim() === "") continue;
    out[key] = value;
  }
  if (body.custom_attributes) out.custom_attributes = body.custom_attributes;
  return out;
}
