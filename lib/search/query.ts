import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { hasNoNul, NUL_MESSAGE } from "@/lib/validation";

/** Chatwoot's search page size. */
export const SEARCH_PER_PAGE = 15;

/**
 * The text-search configuration of the generated `messages.search_vector` (migration 0007): it
 * stems Cyrillic words with the Russian Snowball stemmer and ASCII words with the English one.
 * Queries must use the same configuration as the vectors.
 */
export const SEARCH_CONFIG = "russian";

/** `GET /search…?q=&page=`: a blank q is refused (422 naming q) rather than listing everything. */
export const searchQuerySchema = z.object({
  q: z.string({ error: "can't be blank" }).trim().min(1, "can't be blank").max(255, "is too long (maximum is 255 characters)").refine(hasNoNul, NUL_MESSAGE),
  page: z
    .string()
    .regex(/^[1-9]\d{0,4}$/, "must be a positive integer")
    .transform(Number)
    .optional(),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export type SearchArgs = {
  accountId: number;
  user: { id: number; role: "administrator" | "agent" };
  q: string;
  page?: number;
};

/**
 * The full-text query for what a person typed: `websearch_to_tsquery` (words ANDed, "quoted
 * phrases", `-word`, `or`; never a syntax error, whatever the input) in the vectors' configuration,
 * so "заказы" and "refunds" are stemmed as the stored words were. While a word is being typed — the
 * input ends in a letter or digit — its last lexeme becomes a prefix ("зака" finds "заказ").
 */
export function tsQuery(q: string): SQL {
  const base = sql`websearch_to_tsquery(${sql.raw(`'${SEARCH_CONFIG}'`)}::regconfig, ${q})`;
  if (!/[\p{L}\p{N}]$/u.test(q)) return base;
  return sql`regexp_replace(${base}::text, ${"'$"}, ${"':*"})::tsquery`;
}

/** `#1234` or `1234` alone names a conversation by its display id. */
export function displayIdOf(q: string): number | undefined {
  const m = /^#?(\d{1,9})$/.exec(q.trim());
  return m ? Number(m[1]) : undefined;
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Contacts whose name, email or identifier contains every word typed (case-insensitive, any order),
 * or — when the input looks like a phone number with at least three digits — whose phone contains
 * those digits whatever the formatting on either side. Both columns have trigram indexes
 * (migration 0007). `table` is the SQL alias or name of the contacts relation.
 */
export function contactMatch(q: string, table: SQL): SQL {
  const terms = q
    .replace(/^#/, "")
    .split(/\s+/)
    .map((t) => t.replace(/^"+|"+$/g, ""))
    .filter(Boolean);
  const byText = terms.length
    ? sql.join(
        terms.map((t) => sql`${table}.search_text ilike ${containsPattern(t)}`),
        sql` and `,
      )
    : sql`false`;
  const digits = q.replace(/\D/g, "");
  const phoneLike = /^[\d\s+().\-/]+$/.test(q) && digits.length >= 3;
  return phoneLike ? sql`(${byText} or ${table}.phone_digits like ${containsPattern(digits)})` : sql`(${byText})`;
}
