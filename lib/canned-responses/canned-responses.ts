import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { cannedResponses, type CannedResponse } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { uniqueViolation } from "@/lib/pg-errors";
import { BLANK, noNul, NUL_MESSAGE, tooLong } from "@/lib/validation";

const wrapped = (v: unknown) => {
  if (typeof v !== "object" || v === null) return v;
  const inner = (v as Record<string, unknown>).canned_response;
  return typeof inner === "object" && inner !== null ? { ...v, ...inner } : v;
};

/** chatwoot-api.md §B7 body, at the top level or under `canned_response`; shared with the settings form. */
const cannedResponseFields = z.object({
  short_code: z
    .string(BLANK)
    .trim()
    .min(1, BLANK)
    .max(100, "is too long (maximum is 100 characters)")
    .refine((s) => !/\s/.test(s), "cannot contain spaces")
    .refine(noNul, NUL_MESSAGE),
  content: z.string(BLANK).trim().min(1, BLANK).max(10_000, tooLong(10_000)).refine(noNul, NUL_MESSAGE),
});
export const cannedResponseSchema = z.preprocess(wrapped, cannedResponseFields);
export const cannedResponseUpdateSchema = z.preprocess(wrapped, cannedResponseFields.partial());
export type CannedResponseInput = { short_code: string; content: string };

/** RawCannedResponse (`as_json`). */
export function presentCannedResponse(c: CannedResponse) {
  return { id: c.id, account_id: c.accountId, short_code: c.shortCode, content: c.content, created_at: c.createdAt.toISOString(), updated_at: c.updatedAt.toISOString() };
}

/**
 * Chatwoot's search: short_code or content contains the term; short-code matches first, then
 * content matches, each by `updated_at` newest first. Without a term, by short_code.
 */
export async function listCannedResponses(db: Db, { accountId, search }: { accountId: number; search?: string }): Promise<CannedResponse[]> {
  const term = search?.trim();
  if (!term) return db.select().from(cannedResponses).where(eq(cannedResponses.accountId, accountId)).orderBy(asc(cannedResponses.shortCode));
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.accountId, accountId), or(ilike(cannedResponses.shortCode, like), ilike(cannedResponses.content, like))))
    .orderBy(sql`case when ${cannedResponses.shortCode} ilike ${like} then 0 else 1 end`, desc(cannedResponses.updatedAt), asc(cannedResponses.id));
}

export async function createCannedResponse(db: Db, { accountId, input }: { accountId: number; input: CannedResponseInput }): Promise<CannedResponse> {
  return uniqueShortCode(async () => (await db.insert(cannedResponses).values({ accountId, shortCode: input.short_code, content: input.content }).returning())[0]!);
}

export async function updateCannedResponse(db: Db, { accountId, id, input }: { accountId: number; id: number; input: Partial<CannedResponseInput> }): Promise<CannedResponse> {
  const [row] = await uniqueShortCode(() =>
    db
      .update(cannedResponses)
      .set({ shortCode: input.short_code, content: input.content, updatedAt: new Date() })
      .where(and(eq(cannedResponses.id, id), eq(cannedResponses.accountId, accountId)))
      .returning(),
  );
  if (!row) throw AppError.notFound();
  return row;
}

export async function deleteCannedResponse(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<void> {
  const rows = await db
    .delete(cannedResponses)
    .where(and(eq(cannedResponses.id, id), eq(cannedResponses.accountId, accountId)))
    .returning({ id: cannedResponses.id });
  if (rows.length === 0) throw AppError.notFound();
}

// The unique index decides (two admins racing the same code): its violation is the field error.
async function uniqueShortCode<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (uniqueViolation(err) === "canned_responses_account_short_code_key") throw AppError.validation({ short_code: ["has already been taken"] });
    throw err;
  }
}
