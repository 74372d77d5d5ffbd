import { and, asc, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { customFilters, type CustomFilter } from "@/db/schema";
import { contactFilterSchema, filterWhere as contactFilterWhere } from "@/lib/contacts/filter-contacts";
import { conversationFilterSchema, conversationFilterWhere } from "@/lib/conversations/filter-conversations";
import { AppError } from "@/lib/errors";
import { fieldErrors, requiredText } from "@/lib/validation";

export const FILTER_TYPES = ["conversation", "contact"] as const;
export type FilterType = (typeof FILTER_TYPES)[number];

const wrapped = (v: unknown) => {
  if (typeof v !== "object" || v === null) return v;
  const body = v as Record<string, unknown>;
  const inner = typeof body.custom_filter === "object" && body.custom_filter !== null ? { ...body, ...(body.custom_filter as object) } : body;
  // Chatwoot's model calls it filter_type; its API docs call it type.
  const r = inner as Record<string, unknown>;
  return r.filter_type === undefined && r.type !== undefined ? { ...r, filter_type: r.type } : r;
};
const fields = z.object({
  name: requiredText(255),
  filter_type: z.enum(FILTER_TYPES, { error: "must be conversation or contact" }).default("conversation"),
  query: z.object({ payload: z.array(z.unknown()) }, { error: "must be an object with a payload of conditions" }),
});
export const customFilterSchema = z.preprocess(wrapped, fields);
export const customFilterUpdateSchema = z.preprocess(wrapped, fields.partial());
export type CustomFilterInput = z.output<typeof fields>;

export const customFilterListQuerySchema = z.object({ filter_type: z.enum(FILTER_TYPES, { error: "must be conversation or contact" }).optional() });

/** Chatwoot's custom filter JSON; `type` repeats `filter_type` as Chatwoot's API docs name it. */
export function presentCustomFilter(f: CustomFilter) {
  return { id: f.id, name: f.name, filter_type: f.filterType, type: f.filterType, query: f.query, created_at: f.createdAt.toISOString(), updated_at: f.updatedAt.toISOString() };
}

/**
 * A saved query must be one the filter endpoints accept now (WF4): same conditions schema, same
 * attribute/operator/value checks, so a saved view never opens onto a 422 it was saved with.
 */
async function checkedQuery(db: Db, accountId: number, type: FilterType, query: { payload: unknown[] }): Promise<CustomFilter["query"]> {
  if (type === "conversation") {
    const parsed = conversationFilterSchema.safeParse(query);
    if (!parsed.success) throw AppError.validation(prefixed(fieldErrors(parsed.error)));
    await underQuery(conversationFilterWhere(db, accountId, parsed.data.payload));
    return parsed.data as CustomFilter["query"];
  }
  const parsed = contactFilterSchema.safeParse(query);
  if (!parsed.success) throw AppError.validation(prefixed(fieldErrors(parsed.error)));
  await underQuery(contactFilterWhere(db, accountId, parsed.data.payload));
  return parsed.data as CustomFilter["query"];
}
const prefixed = (f: Record<string, string[]>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [`query.${k}`, v]));
/** The filters name a condition's field (`attribute_key`, `values`, …); in a saved filter it sits under `query`. */
async function underQuery(check: Promise<unknown>): Promise<void> {
  try {
    await check;
  } catch (err) {
    if (err instanceof AppError && err.code === "validation" && err.fields) throw AppError.validation(prefixed(err.fields), err.details);
    throw err;
  }
}

export async function listCustomFilters(db: Db, { accountId, userId, filterType }: { accountId: number; userId: number; filterType?: FilterType }): Promise<CustomFilter[]> {
  return db
    .select()
    .from(customFilters)
    .where(and(eq(customFilters.accountId, accountId), eq(customFilters.userId, userId), filterType ? eq(customFilters.filterType, filterType) : undefined))
    .orderBy(asc(customFilters.id));
}

export async function getCustomFilter(db: Db, { accountId, userId, id }: { accountId: number; userId: number; id: number }): Promise<CustomFilter> {
  const [row] = await db
    .select()
    .from(customFilters)
    .where(and(eq(customFilters.id, id), eq(customFilters.accountId, accountId), eq(customFilters.userId, userId)));
  if (!row) throw AppError.notFound();
  return row;
}

const MAX_PER_USER = 100;
/** The advisory lock space of saved-filter creation; the second key is the user. */
const CREATE_LOCK = sql`hashtext('parley:custom_filters_create')`;

/**
 * Saves a filter, at most MAX_PER_USER per agent and account. The count and the insert run in one
 * transaction holding a per-user advisory lock, so concurrent creates by one agent take turns: each
 * counts the rows the one before it committed, and the limit holds however many arrive at once (a
 * conditional insert alone would not: under read committed each statement counts its own snapshot).
 */
export async function createCustomFilter(db: Db, { accountId, userId, input }: { accountId: number; userId: number; input: CustomFilterInput }): Promise<CustomFilter> {
  const query = await checkedQuery(db, accountId, input.filter_type, input.query);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CREATE_LOCK}, ${userId}::int)`);
    const [saved] = await tx
      .select({ n: count() })
      .from(customFilters)
      .where(and(eq(customFilters.accountId, accountId), eq(customFilters.userId, userId)));
    if (saved!.n >= MAX_PER_USER) throw AppError.validation({ base: [`at most ${MAX_PER_USER} saved filters per agent`] });
    const [row] = await tx.insert(customFilters).values({ accountId, userId, name: input.name, filterType: input.filter_type, query }).returning();
    return row!;
  });
}

export async function updateCustomFilter(db: Db, { accountId, userId, id, input }: { accountId: number; userId: number; id: number; input: Partial<CustomFilterInput> }): Promise<CustomFilter> {
  const current = await getCustomFilter(db, { accountId, userId, id });
  const type = input.filter_type ?? (current.filterType as FilterType);
  const query = input.query || input.filter_type ? await checkedQuery(db, accountId, type, input.query ?? current.query) : undefined;
  const [row] = await db
    .update(customFilters)
    .set({ name: input.name, filterType: type, query, updatedAt: new Date() })
    .where(and(eq(customFilters.id, id), eq(customFilters.accountId, accountId), eq(customFilters.userId, userId)))
    .returning();
  if (!row) throw AppError.notFound();
  return row;
}

export async function deleteCustomFilter(db: Db, { accountId, userId, id }: { accountId: number; userId: number; id: number }): Promise<void> {
  const rows = await db
    .delete(customFilters)
    .where(and(eq(customFilters.id, id), eq(customFilters.accountId, accountId), eq(customFilters.userId, userId)))
    .returning({ id: customFilters.id });
  if (rows.length === 0) throw AppError.notFound();
}
