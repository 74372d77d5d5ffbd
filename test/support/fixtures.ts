import type { Db } from "@/db/client";
import { accounts, accountUsers, users, type Account, type AccountUser, type Availability, type Role, type User } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { secureToken } from "@/lib/auth/tokens";

/**
 * Builders for people and workspaces, shared by every suite: rows go straight into the tables with
 * realistic defaults. Emails are unique per call, so suites can share a database.
 */
export const DEFAULT_PASSWORD = "correct-horse-battery";

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

// argon2 is deliberately slow; suites create many users with the same few passwords.
const hashes = new Map<string, Promise<string>>();
const hashed = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export async function createAccount(db: Db, { name = "Acme" }: { name?: string } = {}): Promise<Account> {
  const [account] = await db.insert(accounts).values({ name }).returning();
  return account!;
}

export type Membership = { account: Pick<Account, "id">; role?: Role; availability?: Availability; autoOffline?: boolean };
export type TestUser = User & { password: string; memberships: AccountUser[] };

/**
 * A user who can sign in with `password` (DEFAULT_PASSWORD unless given). Pass `account` (+ `role`,
 * default "agent") for one membership, or `memberships` for several (the first is the current account).
 */
export async function createUser(
  db: Db,
  opts: { name?: string; displayName?: string; email?: string; password?: string; account?: Pick<Account, "id">; role?: Role; availability?: Availability; memberships?: Membership[] } = {},
): Promise<TestUser> {
  const password = opts.password ?? DEFAULT_PASSWORD;
  const n = unique();
  const [user] = await db
    .insert(users)
    .values({
      name: opts.name ?? `Agent ${n}`,
      displayName: opts.displayName,
      email: opts.email ?? `agent-${n}@example.test`,
      passwordHash: await hashed(password),
      accessToken: secureToken(),
      pubsubToken: secureToken(),
    })
    .returning();
  const wanted = opts.memberships ?? (opts.account ? [{ account: opts.account, role: opts.role, availability: opts.availability }] : []);
  const memberships: AccountUser[] = [];
  for (const m of wanted) memberships.push(await addMembership(db, { userId: user!.id, ...m }));
  return { ...user!, password, memberships };
}

export async function addMembership(db: Db, { userId, account, role = "agent", availability = "online", autoOffline = true }: Membership & { userId: number }): Promise<AccountUser> {
  const [row] = await db.insert(accountUsers).values({ accountId: account.id, userId, role, availability, autoOffline }).returning();
  return row!;
}
