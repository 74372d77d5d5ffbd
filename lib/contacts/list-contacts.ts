import { and, asc, count, desc, eq, ilike, like, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contacts, type Contact } from "@/db/schema";
import { hasNoNul, NUL_MESSAGE } from "@/lib/validation";
import { likePattern } from "./search-contacts";

export const CONTACTS_PER_PAGE = 15;

/** Chatwoot's contact sorts; `company`, `city`, `country` live in additional_attributes. */
const SORTS = {
  // ICU root collation: Cyrillic (and ё with е) sorts as people read it, on every backend (PGlite has ICU too).
  name: sql`lower(${contacts.name}) collate "und-x-icu"`,
  email: contacts.email,
  phone_number: contacts.phoneNumber,
  last_activity_at: contacts.lastActivityAt,
  created_at: contacts.createdAt,
  company: sql`${contacts.additionalAttributes}->>'company_name'`,
  city: sql`${contacts.additionalAttributes}->>'city'`,
  country: sql`${contacts.additionalAttributes}->>'country'`,
} as const;
type SortKey = keyof typeof SORTS;

/**
 * The /contacts and /contacts/search query. `page` is echoed back as sent (Chatwoot's
 * `current_page` is the raw param: a string when given, 1 otherwise); an unknown sort falls back
 * to the default as Chatwoot does.
 */
export const contactListQuerySchema = z.object({
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "must be a positive integer")
    .optional(),
  sort: z
    .string()
    .regex(/^-?(name|email|phone_number|last_activity_at|created_at|company|city|country)$/)
    .optional()
    .catch(undefined),
  q: z.string().trim().max(255, "is too long (maximum is 255 characters)").refine(hasNoNul, NUL_MESSAGE).optional(),
  include_contact_inboxes: z.enum(["true", "false"]).optional().catch(undefined),
});
export type ContactListQuery = z.output<typeof contactListQuerySchema>;

/** Chatwoot means to refuse a blank q but its early return never fires (it lists nothing, 200); Parley refuses. */
export const contactSearchQuerySchema = contactListQuerySchema.extend({
  q: z.string({ error: "can't be blank" }).trim().min(1, "can't be blank").max(255, "is too long (maximum is 255 characters)").refine(hasNoNul, NUL_MESSAGE),
});

/**
 * A page of the account's "resolved" contacts — those with an email, phone number or identifier
 * (Chatwoot lists no anonymous visitors) — and their total, in two statements. With `q`: name,
 * email, phone (case-insensitive) or identifier (case-sensitive, as Chatwoot) contains it, or the
 * company name does.
 */
export async function listContacts(db: Db, { accountId, q, sort, page = 1 }: { accountId: number; q?: string; sort?: string; page?: number }): Promise<{ count: number; contacts: Contact[] }> {
  const where: (SQL | undefined)[] = [
    eq(contacts.accountId, accountId),
    or(sql`coalesce(${contacts.email}, '') <> ''`, sql`coalesce(${contacts.phoneNumber}, '') <> ''`, sql`coalesce(${contacts.identifier}, '') <> ''`),
  ];
  if (q) {
    const p = likePattern(q);
    where.push(or(ilike(contacts.name, p), ilike(contacts.email, p), ilike(contacts.phoneNumber, p), like(contacts.identifier, p), sql`${contacts.additionalAttributes}->>'company_name' ilike ${p}`));
  }
  const key = (sort?.replace(/^-/, "") ?? "last_activity_at") as SortKey;
  const direction = sort ? (sort.startsWith("-") ? "desc" : "asc") : "desc";
  const order = direction === "desc" ? sql`${SORTS[key]} desc nulls last` : sql`${SORTS[key]} asc nulls last`;
  // Sequential: the handle may be a transaction's single connection.
  const [total] = await db
    .select({ n: count() })
    .from(contacts)
    .where(and(...where));
  const rows = await db
    .select()
    .from(contacts)
    .where(and(...where))
    .orderBy(order, direction === "desc" ? desc(contacts.id) : asc(contacts.id))
    .limit(CONTACTS_PER_PAGE)
    .offset((page - 1) * CONTACTS_PER_PAGE);
  return { count: total?.n ?? 0, contacts: rows };
}
