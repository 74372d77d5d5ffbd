import { and, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, type Contact } from "@/db/schema";

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Contacts of one account whose name, email, phone or identifier contains `q` (case-insensitive),
 * most recently active first. A blank query is an empty result, not every contact (Chatwoot bug).
 */
export async function searchContactsByQuery(db: Db, { accountId, q, page = 1, limit = 15 }: { accountId: number; q: string; page?: number; limit?: number }): Promise<Contact[]> {
  const term = q.trim();
  if (!term) return [];
  const p = likePattern(term);
  return db
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), or(ilike(contacts.name, p), ilike(contacts.email, p), ilike(contacts.phoneNumber, p), ilike(contacts.identifier, p))))
    .orderBy(sql`${contacts.lastActivityAt} desc nulls last`, desc(contacts.id))
    .limit(limit)
    .offset((Math.max(1, page) - 1) * limit);
}
