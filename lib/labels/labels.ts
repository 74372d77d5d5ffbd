import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { labels, type Label } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { uniqueViolation } from "@/lib/pg-errors";
import { hexColour, trimmedText } from "@/lib/validation";

const wrapped = (v: unknown) => {
  if (typeof v !== "object" || v === null) return v;
  const inner = (v as Record<string, unknown>).label;
  return typeof inner === "object" && inner !== null ? { ...v, ...inner } : v;
};

// Chatwoot's `\A[\p{L}\p{N}]+[\p{L}\p{N}_-]+\Z`, checked after lower-casing as Chatwoot stores it.
const TITLE = /^[\p{L}\p{N}]+[\p{L}\p{N}_-]+$/u;
const labelFields = z.object({
  title: z
    .string("can't be blank")
    .trim()
    .toLowerCase()
    .min(1, "can't be blank")
    .max(255, "is too long (maximum is 255 characters)")
    .regex(TITLE, "only letters, numbers, hyphens and underscores, at least two characters, starting with a letter or number"),
  description: trimmedText(1000).nullable().optional(),
  color: hexColour.optional(),
  show_on_sidebar: z.boolean().optional(),
});
/** chatwoot-api.md §B8 body, at the top level or under `label`; shared with the settings form. */
export const labelSchema = z.preprocess(wrapped, labelFields);
export const labelUpdateSchema = z.preprocess(wrapped, labelFields.partial());
export type LabelInput = z.output<typeof labelFields>;

export function presentLabel(l: Label) {
  return { id: l.id, title: l.title, description: l.description, color: l.color, show_on_sidebar: l.showOnSidebar };
}

export async function listLabels(db: Db, { accountId }: { accountId: number }): Promise<Label[]> {
  return db.select().from(labels).where(eq(labels.accountId, accountId)).orderBy(asc(labels.title));
}

export async function getLabel(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<Label> {
  const [row] = await db
    .select()
    .from(labels)
    .where(and(eq(labels.id, id), eq(labels.accountId, accountId)));
  if (!row) throw AppError.notFound();
  return row;
}

export async function createLabel(db: Db, { accountId, input }: { accountId: number; input: LabelInput }): Promise<Label> {
  return uniqueTitle(
    async () =>
      (
        await db
          .insert(labels)
          .values({ accountId, title: input.title, description: input.description || null, color: input.color?.toLowerCase(), showOnSidebar: input.show_on_sidebar })
          .returning()
      )[0]!,
  );
}

export async function updateLabel(db: Db, { accountId, id, input }: { accountId: number; id: number; input: Partial<LabelInput> }): Promise<Label> {
  const [row] = await uniqueTitle(() =>
    db
      .update(labels)
      .set({
        title: input.title,
        description: input.description === undefined ? undefined : input.description || null,
        color: input.color?.toLowerCase(),
        showOnSidebar: input.show_on_sidebar,
        updatedAt: new Date(),
      })
      .where(and(eq(labels.id, id), eq(labels.accountId, accountId)))
      .returning(),
  );
  if (!row) throw AppError.notFound();
  return row;
}

export async function deleteLabel(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<void> {
  const rows = await db
    .delete(labels)
    .where(and(eq(labels.id, id), eq(labels.accountId, accountId)))
    .returning({ id: labels.id });
  if (rows.length === 0) throw AppError.notFound();
}

async function uniqueTitle<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (uniqueViolation(err) === "labels_account_title_key") throw AppError.validation({ title: ["has already been taken"] });
    throw err;
  }
}
