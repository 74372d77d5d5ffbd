import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactInboxes, contacts, inboxes, type Contact, type ContactInbox } from "@/db/schema";
import { secureToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { uniqueViolation } from "@/lib/pg-errors";
import { parseContactInput, type ContactInputMode, type ParsedContactInput } from "./contact-input";
import { conflicts, createContact } from "./save-contact";

export type ContactSession = { contact: Contact; contactInbox: ContactInbox; created: boolean };

/**
 * Which existing contact a new contact_inbox may join. "keys": Chatwoot's order — identifier, then
 * email, then phone. "identifier": only the holder of the identifier (the caller proved it). "none":
 * never — the caller proved nothing, so they get a contact of their own. With "identifier" and
 * "none", keys another contact holds are dropped from the new contact (they are unique): an
 * unproven claim never joins, reads or edits someone else's contact.
 */
export type ContactReuse = "keys" | "identifier" | "none";

/**
 * Finds the contact_inbox of (inbox, source_id) or creates it, with its contact (Chatwoot's
 * ContactInboxWithContactBuilder): an existing contact is reused as `reuse` allows; otherwise a new
 * one is created (friendly name when none). source_id defaults to a UUID and every contact_inbox gets
 * its own random pubsub token.
 */
export async function findOrCreateContactInbox(
  db: Db,
  {
    accountId,
    inboxId,
    sourceId,
    contact: input = {},
    mode = "discard",
    hmacVerified = false,
    reuse = "keys",
  }: { accountId: number; inboxId: number; sourceId?: string; contact?: unknown; mode?: ContactInputMode; hmacVerified?: boolean; reuse?: ContactReuse },
): Promise<ContactSession> {
  const [inbox] = await db
    .select({ id: inboxes.id })
    .from(inboxes)
    .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)));
  if (!inbox) throw AppError.notFound();
  if (sourceId) {
    const existing = await getContactInboxBySource(db, { inboxId, sourceId });
    if (existing) return { ...existing, created: false };
  }
  const data = parseContactInput(input, mode);
  const keys = reuse === "keys" ? data : reuse === "identifier" ? { identifier: data.identifier } : {};
  const found = await findContactByKeys(db, { accountId, ...keys });
  const contact = found ?? (await createContact(db, { accountId, input: reuse === "keys" ? data : await withoutTakenKeys(db, accountId, data, reuse), mode }));
  const source = sourceId ?? randomUUID();
  try {
    const contactInbox = await db.transaction(async (tx) => {
      const [row] = await tx.insert(contactInboxes).values({ accountId, contactId: contact.id, inboxId, sourceId: source, pubsubToken: secureToken(), hmacVerified }).returning();
      return row!;
    });
    return { contact, contactInbox, created: true };
  } catch (err) {
    // Two first requests with the same source_id: the loser takes the winner's row.
    if (uniqueViolation(err) !== "contact_inboxes_inbox_source_key") throw err;
    const winner = await getContactInboxBySource(db, { inboxId, sourceId: source });
    if (!winner) throw err;
    return { ...winner, created: false };
  }
}

export async function getContactInboxBySource(db: Db, { inboxId, sourceId }: { inboxId: number; sourceId: string }): Promise<{ contact: Contact; contactInbox: ContactInbox } | null> {
  const [row] = await db
    .select({ contact: contacts, contactInbox: contactInboxes })
    .from(contactInboxes)
    .innerJoin(contacts, eq(contacts.id, contactInboxes.contactId))
    .where(and(eq(contactInboxes.inboxId, inboxId), eq(contactInboxes.sourceId, sourceId)));
  return row ?? null;
}

/** Identifier first, then email, then phone — the first key that matches wins (Chatwoot order). */
export async function findContactByKeys(
  db: Db,
  { accountId, identifier, email, phone_number }: { accountId: number; identifier?: string | null; email?: string | null; phone_number?: string | null },
): Promise<Contact | null> {
  const keys = [
    identifier ? eq(contacts.identifier, identifier) : null,
    email ? sql`lower(${contacts.email}) = ${email.toLowerCase()}` : null,
    phone_number ? eq(contacts.phoneNumber, phone_number) : null,
  ];
  for (const key of keys) {
    if (!key) continue;
    const [found] = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), key))
      .limit(1);
    if (found) return found;
  }
  return null;
}

/**
 * The input without the email / phone (and, unless it was proven, identifier) another contact already
 * holds. A proven identifier is kept: if its holder appeared since the lookup, the insert collides and
 * the caller's retry joins them.
 */
async function withoutTakenKeys(db: Db, accountId: number, data: ParsedContactInput, reuse: ContactReuse): Promise<ParsedContactInput> {
  const taken = await conflicts(db, accountId, data, null);
  const out = { ...data };
  if (taken.identifier && reuse === "none") delete out.identifier;
  if (taken.email) delete out.email;
  if (taken.phone_number) delete out.phone_number;
  return out;
}
