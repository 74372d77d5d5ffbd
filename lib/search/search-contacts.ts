import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, type Contact } from "@/db/schema";
import { presentSearchContact, type SearchContact } from "@/lib/presenters/search-result";
import { withBitmapScans } from "./bitmap-scans";
import { contactMatch, SEARCH_PER_PAGE, type SearchArgs } from "./query";
import { contactScope } from "./scope";

/** The most recently active contacts the first pass reads (see searchMessages for the two passes). */
export const RECENT_CONTACTS_WINDOW = 2000;

const byActivity = [sql`${contacts.lastActivityAt} desc nulls last`, desc(contacts.id)];

/**
 * Resolved contacts (an email, phone or identifier — Chatwoot's rule) whose name, email or
 * identifier contains every word typed, or whose phone contains the digits typed; most recently
 * active first. Agents find the contacts of their inboxes (lib/search/scope.ts). Two passes: the
 * most recently active contacts, then — when they hold less than the page — the trigram indexes.
 */
export async function searchContacts(db: Db, { accountId, user, q, page = 1 }: SearchArgs): Promise<SearchContact[]> {
  const offset = (page - 1) * SEARCH_PER_PAGE;
  const resolved = (table: SQL) => sql`(coalesce(${table}.email, '') <> '' or coalesce(${table}.phone_number, '') <> '' or coalesce(${table}.identifier, '') <> '')`;
  const filter = (table: SQL, id: SQL) => and(contactMatch(q, table), resolved(table), contactScope(user, id));
  // The window carries the columns the filter reads, so it needs no second look-up per contact.
  const recent = db
    .select({
      id: contacts.id,
      lastActivityAt: contacts.lastActivityAt,
      email: sql<string | null>`${contacts.email}`.as("email"),
      phone: sql<string | null>`${contacts.phoneNumber}`.as("phone_number"),
      identifier: sql<string | null>`${contacts.identifier}`.as("identifier"),
      searchText: sql<string>`${contacts}.search_text`.as("search_text"),
      phoneDigits: sql<string>`${contacts}.phone_digits`.as("phone_digits"),
    })
    .from(contacts)
    .where(eq(contacts.accountId, accountId))
    .orderBy(...byActivity)
    .limit(RECENT_CONTACTS_WINDOW)
    .as("recent");
  let ids = (
    await db
      .select({ id: recent.id })
      .from(recent)
      .where(filter(sql`"recent"`, sql`${recent.id}`))
      .orderBy(sql`${recent.lastActivityAt} desc nulls last`, desc(recent.id))
      .limit(SEARCH_PER_PAGE)
      .offset(offset)
  ).map((r) => r.id);
  if (ids.length < SEARCH_PER_PAGE) {
    // Every contact the trigram indexes match, sorted by activity, then the agent's scope checked
    // on them in that order only until the page is full (the `offset 0` keeps the sort below it).
    const matches = db
      .select({ id: contacts.id, lastActivityAt: contacts.lastActivityAt })
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), contactMatch(q, sql`${contacts}`), resolved(sql`${contacts}`)))
      .orderBy(...byActivity)
      .offset(0)
      .as("matches");
    ids = await withBitmapScans(db, async (tx) =>
      (
        await tx
          .select({ id: matches.id })
          .from(matches)
          .where(contactScope(user, sql`${matches.id}`))
          .orderBy(sql`${matches.lastActivityAt} desc nulls last`, desc(matches.id))
          .limit(SEARCH_PER_PAGE)
          .offset(offset)
      ).map((r) => r.id),
    );
  }
  if (!ids.length) return [];
  const rows = await db.select().from(contacts).where(inArray(contacts.id, ids));
  const byId = new Map<number, Contact>(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((c): c is Contact => c !== undefined)
    .map(presentSearchContact);
}
