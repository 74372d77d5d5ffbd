import { and, asc, desc, eq, gt, lt, ne, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages, type Message } from "@/db/schema";

export const PAGE_LATEST = 20;
export const PAGE_BEFORE = 20;
export const PAGE_AFTER = 100;
/** `after` and `before` together: the span between them, up to 1000 (Chatwoot's MessageFinder). */
export const PAGE_BETWEEN = 1000;

/**
 * M8 paging by message id: the latest 20; `before` → the 20 just older; `after` → up to 100 newer;
 * both → the messages between them, up to 1000.
 * Always returned oldest first. `contactView` hides private notes and activity (M5, Widget/Client APIs).
 */
export async function listMessagesByConversation(
  db: Db,
  { conversationId, before, after, contactView = false }: { conversationId: number; before?: number; after?: number; contactView?: boolean },
): Promise<Message[]> {
  const conditions: (SQL | undefined)[] = [eq(messages.conversationId, conversationId)];
  if (contactView) conditions.push(eq(messages.private, false), ne(messages.messageType, "activity"));
  if (after !== undefined) {
    conditions.push(gt(messages.id, after));
    if (before !== undefined) conditions.push(lt(messages.id, before));
    return db
      .select()
      .from(messages)
      .where(and(...conditions))
      .orderBy(asc(messages.id))
      .limit(before === undefined ? PAGE_AFTER : PAGE_BETWEEN);
  }
  if (before !== undefined) conditions.push(lt(messages.id, before));
  const rows = await db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(desc(messages.id))
    .limit(before !== undefined ? PAGE_BEFORE : PAGE_LATEST);
  return rows.reverse();
}
