import { sql, type SQL } from "drizzle-orm";
import type { SearchArgs } from "./query";

/**
 * The conversation list's rule (SPEC §8), in the query: administrators see the whole account,
 * agents only the inboxes they are members of. `inboxColumn` is the row's inbox id.
 */
export function inboxScope(user: SearchArgs["user"], inboxColumn: SQL): SQL {
  if (user.role === "administrator") return sql`true`;
  return sql`${inboxColumn} in (select im.inbox_id from inbox_members im where im.user_id = ${user.id})`;
}

/**
 * Contacts an agent may find: those with a contact_inbox in one of the agent's inboxes, and those
 * in no inbox at all (made through the API, account-wide as in Chatwoot). Administrators: all.
 *
 * Written as one scalar sub-select per contact (true when the contact has no contact_inbox) so the
 * planner cannot turn it into a hash of every contact of the agent's inboxes (≈ 25k rows at 100k
 * contacts): the search checks it only on the few candidates it walks before the page is full.
 */
export function contactScope(user: SearchArgs["user"], contactId: SQL): SQL {
  if (user.role === "administrator") return sql`true`;
  return sql`(select coalesce(bool_or(ci.inbox_id in (select im.inbox_id from inbox_members im where im.user_id = ${user.id})), true) from contact_inboxes ci where ci.contact_id = ${contactId})`;
}
