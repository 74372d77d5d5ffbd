import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactInboxes, contacts, inboxes, webWidgets, type Contact, type ContactInbox, type Inbox, type WebWidget } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { cachedLookup, processLookupCache, type LookupCache } from "@/lib/realtime/lookup-cache";
import { isLookupKey } from "@/lib/validation";
import type { RawParams } from "./edge";

/** A Client API path's inbox, widget, contact_inbox and contact (`/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]`). */
export type PublicContact = { inbox: Inbox; widget: WebWidget; contact: Contact; contactInbox: ContactInbox };

/**
 * findPublicContact through the instance's lookup cache (E8): an inbox's or widget's change, or a
 * contact_inbox's, drops the entry on every instance within one event (db/migrations/0021). The
 * contact row is not invalidated by events (it changes with every message); its user must check it.
 */
export async function findPublicContactCached(
  db: Db,
  rawInbox: RawParams[string] | undefined,
  rawContact: RawParams[string] | undefined,
  cache: LookupCache | undefined = processLookupCache(),
): Promise<PublicContact> {
  if (!isLookupKey(rawInbox) || !isLookupKey(rawContact)) throw AppError.notFound();
  const row = await cachedLookup("public_contact", publicContactKey(rawInbox, rawContact), publicContactTags, () => findPublicContact(db, rawInbox, rawContact).catch(notFoundAsUndefined), cache);
  if (!row) throw AppError.notFound();
  return row;
}

const publicContactKey = (inbox: string, contact: string) => JSON.stringify([inbox, contact]);
const publicContactTags = (r: PublicContact) => [`account:${r.inbox.accountId}`, `inbox:${r.inbox.id}`, `contact_inbox:${r.contactInbox.id}`];
const notFoundAsUndefined = (err: unknown) => {
  if (err instanceof AppError && err.code === "not_found") return undefined;
  throw err;
};

/** Drops the cached look-up of one path (its user found it out of date). */
export function forgetPublicContact(rawInbox: RawParams[string] | undefined, rawContact: RawParams[string] | undefined, cache: LookupCache | undefined = processLookupCache()): void {
  if (isLookupKey(rawInbox) && isLookupKey(rawContact)) cache?.forget("public_contact", publicContactKey(rawInbox, rawContact));
}

/** The inbox and the contact_inbox in one statement (B2): either unknown → 404, alike. */
export async function findPublicContact(db: Db, rawInbox: RawParams[string] | undefined, rawContact: RawParams[string] | undefined): Promise<PublicContact> {
  if (!isLookupKey(rawInbox) || !isLookupKey(rawContact)) throw AppError.notFound();
  const [row] = await db
    .select({ inbox: inboxes, widget: webWidgets, contact: contacts, contactInbox: contactInboxes })
    .from(webWidgets)
    .innerJoin(inboxes, eq(inboxes.id, webWidgets.inboxId))
    .innerJoin(contactInboxes, and(eq(contactInboxes.inboxId, inboxes.id), eq(contactInboxes.sourceId, rawContact)))
    .innerJoin(contacts, eq(contacts.id, contactInboxes.contactId))
    .where(eq(webWidgets.websiteToken, rawInbox))
    .limit(1);
  if (!row) throw AppError.notFound();
  return row;
}
