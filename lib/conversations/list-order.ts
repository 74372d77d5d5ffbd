import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { AppError } from "@/lib/errors";

export const CONVERSATION_SORTS = [
  "last_activity_at_desc",
  "last_activity_at_asc",
  "created_at_desc",
  "created_at_asc",
  "priority_desc",
  "priority_asc",
  "waiting_since_asc",
  "waiting_since_desc",
] as const;
export type ConversationSort = (typeof CONVERSATION_SORTS)[number];

type Cast = "timestamptz" | "int";
type SortKey = { expr: SQL; dir: "asc" | "desc"; cast: Cast };

const ts = (expr: SQL, dir: SortKey["dir"]): SortKey => ({ expr, dir, cast: "timestamptz" });
const int = (expr: SQL, dir: SortKey["dir"]): SortKey => ({ expr, dir, cast: "int" });
const c = conversations;
// urgent > high > medium > low; "no priority" is 0 so it sorts last when descending …
const rank = sql`(case ${c.priority} when 'urgent' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end)`;
// … and 5 when ascending, so it is last there too (Chatwoot: NULLS LAST both ways).
const rankAsc = sql`(case ${c.priority} when 'urgent' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 5 end)`;

/**
 * Every sort as a list of non-null key expressions ending in the id, so ORDER BY and the keyset
 * cursor use the same total order. Nullable columns are coalesced to ±infinity for NULLS LAST.
 */
const SORT_KEYS: Record<ConversationSort, SortKey[]> = {
  last_activity_at_desc: [ts(sql`${c.lastActivityAt}`, "desc"), int(sql`${c.id}`, "desc")],
  last_activity_at_asc: [ts(sql`${c.lastActivityAt}`, "asc"), int(sql`${c.id}`, "asc")],
  created_at_desc: [ts(sql`${c.createdAt}`, "desc"), int(sql`${c.id}`, "desc")],
  created_at_asc: [ts(sql`${c.createdAt}`, "asc"), int(sql`${c.id}`, "asc")],
  priority_desc: [int(rank, "desc"), ts(sql`${c.lastActivityAt}`, "desc"), int(sql`${c.id}`, "desc")],
  priority_asc: [int(rankAsc, "asc"), ts(sql`${c.lastActivityAt}`, "desc"), int(sql`${c.id}`, "desc")],
  waiting_since_asc: [ts(sql`coalesce(${c.waitingSince}, 'infinity'::timestamptz)`, "asc"), ts(sql`${c.createdAt}`, "asc"), int(sql`${c.id}`, "asc")],
  waiting_since_desc: [ts(sql`coalesce(${c.waitingSince}, '-infinity'::timestamptz)`, "desc"), ts(sql`${c.createdAt}`, "asc"), int(sql`${c.id}`, "asc")],
};

export function orderBySort(sort: ConversationSort): SQL[] {
  return SORT_KEYS[sort].map((k) => (k.dir === "desc" ? sql`${k.expr} desc` : sql`${k.expr} asc`));
}

/** The row's sort key values as the database prints them (exact to the microsecond), for the cursor. */
export function cursorKeysOf(sort: ConversationSort): SQL<string[]> {
  return sql<string[]>`json_build_array(${sql.join(
    SORT_KEYS[sort].map((k) => sql`(${k.expr})::text`),
    sql`, `,
  )})`;
}

export function encodeCursor(sort: ConversationSort, keys: string[]): string {
  return Buffer.from(JSON.stringify({ s: sort, k: keys })).toString("base64url");
}

const VALID: Record<Cast, RegExp> = { int: /^-?\d{1,12}$/, timestamptz: /^(-?infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?)$/ };

/**
 * Rows strictly after the cursor in the sort's order: (k1 after v1) or (k1 = v1 and k2 after v2) …
 * A cursor from another sort or tampered with is a 422, never a database error.
 */
export function afterCursor(sort: ConversationSort, cursor: string): SQL {
  const keys = SORT_KEYS[sort];
  let values: unknown;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString()) as { s?: unknown; k?: unknown };
    values = parsed.s === sort ? parsed.k : undefined;
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== keys.length || !values.every((v, i) => typeof v === "string" && VALID[keys[i]!.cast].test(v))) {
    throw AppError.validation({ cursor: ["is invalid"] });
  }
  const param = (v: string, cast: Cast) => (cast === "int" ? sql`${Number(v)}::int` : sql`${v}::timestamptz`);
  const branches = keys.map((k, i) => {
    const equalBefore = keys.slice(0, i).map((p, j) => eq(p.expr, param(values[j] as string, p.cast)));
    const beyond = k.dir === "desc" ? sql`${k.expr} < ${param(values[i] as string, k.cast)}` : sql`${k.expr} > ${param(values[i] as string, k.cast)}`;
    return and(...equalBefore, beyond)!;
  });
  return or(...branches)!;
}
