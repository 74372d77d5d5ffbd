import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, accountUsers, users, type Role } from "@/db/schema";

export type SessionAccount = { id: number; name: string; role: Role };
/** Who is signed in, as pages and server actions need it. `accounts[0]` is the current account. */
export type SessionUser = { id: number; name: string; email: string; accounts: SessionAccount[]; sessionVersion: number };

/**
 * The signed-in user re-read from the database on every use: a deleted user, or a membership that was
 * removed or changed role, takes effect at once instead of living on in a session cookie.
 * Accounts come in the order the user joined them.
 */
export async function loadSessionUser(db: Db, userId: number): Promise<SessionUser | null> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      sessionVersion: users.sessionVersion,
      accountId: accounts.id,
      accountName: accounts.name,
      role: accountUsers.role,
    })
    .from(users)
    .leftJoin(accountUsers, eq(accountUsers.userId, users.id))
    .leftJoin(accounts, eq(accounts.id, accountUsers.accountId))
    .where(eq(users.id, userId))
    .orderBy(asc(accountUsers.id));
  const first = rows[0];
  if (!first) return null;
  return {
    id: first.id,
    name: first.name,
    email: first.email,
    sessionVersion: first.sessionVersion,
    accounts: rows.flatMap((r) => (r.accountId !== null && r.accountName !== null && r.role !== null ? [{ id: r.accountId, name: r.accountName, role: r.role }] : [])),
  };
}
