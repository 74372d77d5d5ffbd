import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { secureToken } from "@/lib/auth/tokens";

/** A new api_access_token for the user; scripts using the old one get 401 from now on. */
export async function rotateAccessTokenByUser(db: Db, { userId }: { userId: number }): Promise<string> {
  const accessToken = secureToken();
  await db.update(users).set({ accessToken, updatedAt: new Date() }).where(eq(users.id, userId));
  return accessToken;
}
