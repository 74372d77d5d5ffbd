import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { authSecret } from "./secret";
import { loadSessionUser, type SessionUser } from "./session-user";
import { readSessionToken, tokenSessionVersion, tokenUserId } from "./session-token";

export type { SessionAccount, SessionUser } from "./session-user";

/**
 * The signed-in user for server components and server actions, or null. Every server action must call
 * this itself (SPEC §12): actions are public POST endpoints whatever page renders them.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const token = await readSessionToken((await cookies()).getAll(), authSecret());
  const userId = tokenUserId(token);
  if (userId === null) return null;
  const user = await loadSessionUser(await getDb(), userId);
  // A session from before a password change or token rotation has ended (issue #13 §5).
  return user && user.sessionVersion === tokenSessionVersion(token) ? user : null;
}
