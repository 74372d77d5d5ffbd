import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";

/**
 * C7: incoming messages after the agents' last visit (all of them when never seen). Exact, not
 * capped at 10 as Chatwoot does: clients that show "9+" still work, and the count is an index range.
 */
export async function countUnreadIncoming(db: Db, { conversationId, since }: { conversationId: number; since: Date | null }): Promise<number> {
  const conditions = [eq(messages.conversationId, conversationId), eq(messages.messageType, "incoming")];
  if (since) conditions.push(gt(messages.createdAt, since));
  const [row] = await db
    .select({ n: count() })
    .from(messages)
    .where(and(...conditions));
  return row?.n ?? 0;
}
