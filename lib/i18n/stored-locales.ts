import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, accountUsers, users } from "@/db/schema";
import { toLocale, type Locale } from "./locales";

/**
 * The two stored choices behind a user's UI language: their own (`ui_settings.locale`, null when they
 * follow the account) and their current account's (the first joined, as the session's `accounts[0]`).
 */
export async function storedLocalesOfUser(db: Db, userId: number): Promise<{ user: unknown; account: unknown }> {
  const [row] = await db
    .select({ uiSettings: users.uiSettings, accountLocale: accounts.locale })
    .from(users)
    .leftJoin(accountUsers, eq(accountUsers.userId, users.id))
    .leftJoin(accounts, eq(accounts.id, accountUsers.accountId))
    .where(eq(users.id, userId))
    .orderBy(asc(accountUsers.id))
    .limit(1);
  return { user: row?.uiSettings?.locale ?? null, account: row?.accountLocale ?? null };
}

/** The account's language: what Parley writes into its conversations is in it, as of the moment of writing. */
export async function accountLocale(db: Db, accountId: number): Promise<Locale> {
  const [row] = await db.select({ locale: accounts.locale }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  return toLocale(row?.locale);
}
