import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type User } from "@/db/schema";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import type { CoordinationStore } from "@/lib/redis/port";
import { beginLoginAttempt } from "./login-throttle";

export type LoginResult = { ok: true; user: User } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export type LoginInput = { email: string; password: string; ip: string };
export type PasswordVerifier = (passwordHash: string, password: string) => Promise<boolean>;

/**
 * Email + password sign-in (SPEC §12). The email matches case-insensitively. Failed attempts are
 * throttled per IP and per email (lib/auth/login-throttle.ts); a throttled attempt is refused before
 * the password is looked at, so the limit also stops an attacker who has the right password. An unknown email still runs one verification (against a fixed dummy hash), so the answer
 * takes as long as for a known email with a wrong password and does not reveal who has an account.
 */
export async function authenticateWithPassword({ db, store, verify = verifyPassword }: { db: Db; store: CoordinationStore; verify?: PasswordVerifier }, input: LoginInput): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  if (!email || !input.password) return { ok: false, reason: "invalid" };

  const attempt = await beginLoginAttempt(store, { ip: input.ip, email });
  if (!attempt.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };

  const user = await findUserByEmail(db, email);
  const passwordHash = user?.passwordHash ?? (await dummyPasswordHash());
  const matches = await verify(passwordHash, input.password);
  if (!user || !matches) return { ok: false, reason: "invalid" };
  await attempt.succeeded();
  return { ok: true, user };
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return user;
}
