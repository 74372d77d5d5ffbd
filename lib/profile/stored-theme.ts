import { eq, sql } from "drizzle-orm";
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { authSecret } from "@/lib/auth/secret";
import { readSessionToken, tokenUserId } from "@/lib/auth/session-token";

/**
 * The signed-in user's stored theme choice (`ui_settings.theme`, U11) for this request, raw (the
 * caller narrows it); null when signed out, unset, or the database is unreachable — the login page
 * and a database outage follow the system setting rather than fail.
 */
export async function storedThemeOfRequest(): Promise<unknown> {
  const userId = tokenUserId(await readSessionToken((await cookies()).getAll(), authSecret()));
  if (userId === null) return null;
  try {
    const db = await getDb();
    const [row] = await db
      .select({ theme: sql<unknown>`${users.uiSettings} -> 'theme'` })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    return row?.theme ?? null;
  } catch {
    return null;
  }
}
