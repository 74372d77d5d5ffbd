import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts } from "@/db/schema";
import { presentSearchContact, type SearchContact } from "@/lib/presenters/search-result";
import { contactMatch, SEARCH_PER_PAGE, type SearchArgs } from "./query";
import { contactScope } from "./scope";

/**
 * Resolved contacts (an email, phone or identifier — Chatwoot's rule) whose name, email or
 * identifier contains every word typed, or whose phone contains the digits typed; most recently
 * active first. Agents find the contacts of their inboxes (lib/search/scope.ts).
 */
export async function searchContacts(db: Db, { accountId, user, q, page = 1 }: SearchArgs): Promise<SearchContact[]> {
  const rows = await db
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, accountId),
        contactMatch(q, sql`${contacts}`),
        sql`(coalesce(${contacts.email}, '') <> '' or coalesce(${contacts.phoneNumber}, '') <> '' or coalesce(${contacts.identifier}, '') <> '')`,
        contactScope(user, sql`${contacts.id}`),
      ),
    )
    .orderBy(sql`${contacts.lastActivityAt} desc nulls last`, desc(contacts.id))
    .limit(SEARCH_PER_PAGE)
    .offset((page - 1) * SEARCH_PER_PAGE);
  return rows.map(presentSearchContact);
}
