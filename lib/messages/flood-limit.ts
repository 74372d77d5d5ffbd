import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const FLOOD_WINDOW_MS = 60_000;

/**
 * M2: at most `limit` messages of any kind per conversation in any rolling 60 s. The caller holds
 * the conversation row lock, so concurrent posters count one after another and the limit is exact.
 * Retry-After is when the oldest message that keeps the window full leaves it.
 */
export async function assertWithinFloodLimit(
  tx: Db,
  { conversationId, now, limit = env().CONVERSATION_MESSAGE_PER_MINUTE_LIMIT }: { conversationId: number; now: Date; limit?: number },
): Promise<void> {
  const windowStart = new Date(now.getTime() - FLOOD_WINDOW_MS);
  // The limit-th newest message in the window: if it exists the window is full until it leaves.
  const [blocking] = await tx
    .select({ createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), gt(messages.createdAt, windowStart)))
    .orderBy(desc(messages.createdAt))
    .offset(limit - 1)
    .limit(1);
  if (!blocking) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((blocking.createdAt.getTime() + FLOOD_WINDOW_MS - now.getTime()) / 1000));
  throw new AppError("rate_limited", "Too many messages", { retryAfterSeconds });
}
