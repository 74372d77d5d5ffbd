import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { secureToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { settleLookupCache } from "@/lib/realtime/process-hub";

/**
 * A new api_access_token for the user; scripts using the old one get 401 from now on, and their open
 * streams end within a minute. It also bumps the session version, ending every other session of the
 * user (issue #13 §5); the caller renews its own with the version returned.
 */
export async function rotateAccessTokenByUser(db: Db, { userId }: { userId: number }): Promise<{ accessToken: string; sessionVersion: number }> {
  const accessToken = secureToken();
  const [row] = await db
    .update(users)
    .set({ accessToken, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  if (!row) throw AppError.notFound();
  await settleLookupCache(); // E8: the old token stops working here before the answer
  return { accessToken, sessionVersion: row.sessionVersion };
}
