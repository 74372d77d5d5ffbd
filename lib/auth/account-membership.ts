import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, accountUsers, type Account, type AccountUser } from "@/db/schema";
import { cachedLookup, type LookupCache } from "@/lib/realtime/lookup-cache";

export type AccountMembership = { account: Account; membership: AccountUser };

/**
 * The account and the caller's membership of it, or undefined when the caller is not a member (SPEC
 * §8). From the instance's lookup cache when it holds it (E8): a membership removed or its role
 * changed, on any instance, drops the entry within one event. `cache` is the process's by default.
 */
export function findAccountMembership(db: Db, accountId: number, userId: number, cache?: LookupCache): Promise<AccountMembership | undefined> {
  return cachedLookup("membership", `${userId}:${accountId}`, membershipTags, () => loadMembership(db, accountId, userId), cache);
}

const membershipTags = (m: AccountMembership) => [`user:${m.membership.userId}`, `account:${m.account.id}`];

async function loadMembership(db: Db, accountId: number, userId: number): Promise<AccountMembership | undefined> {
  const [row] = await db
    .select({ account: accounts, membership: accountUsers })
    .from(accountUsers)
    .innerJoin(accounts, eq(accounts.id, accountUsers.accountId))
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
    .limit(1);
  return row;
}
