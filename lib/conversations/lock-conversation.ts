import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, type Conversation } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Loads a conversation with its row locked until the transaction ends (`SELECT … FOR UPDATE`).
 * Every read-decide-write on a conversation goes through this, so concurrent requests serialise
 * (C5 claims, M2 flood counts, M6 echo ids). Scoped to the account when one is given.
 */
export async function lockConversationById(tx: Db, { conversationId, accountId }: { conversationId: number; accountId?: number }): Promise<Conversation> {
  const where = accountId === undefined ? eq(conversations.id, conversationId) : and(eq(conversations.id, conversationId), eq(conversations.accountId, accountId));
  const [row] = await tx.select().from(conversations).where(where).for("update");
  if (!row) throw AppError.notFound();
  return row;
}
