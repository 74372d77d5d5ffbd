import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accounts, type Account } from "@/db/schema";
import { localeSchema } from "@/lib/i18n/locales";
import { requiredText } from "@/lib/validation";
import { settleLookupCache } from "@/lib/realtime/process-hub";

/** The account settings form: name and locale. */
export const accountUpdateSchema = z.object({
  name: requiredText(255),
  /** Only a language Parley has (lib/i18n/locales.ts); anything else is a 422 naming `locale`. */
  locale: localeSchema,
});
export type AccountUpdate = z.output<typeof accountUpdateSchema>;

export async function getAccountById(db: Db, { accountId }: { accountId: number }): Promise<Account | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  return row ?? null;
}

export async function updateAccount(db: Db, { accountId, input }: { accountId: number; input: AccountUpdate }): Promise<Account> {
  const [row] = await db.update(accounts).set({ name: input.name, locale: input.locale, updatedAt: new Date() }).where(eq(accounts.id, accountId)).returning();
  await settleLookupCache(); // E8
  return row!;
}
