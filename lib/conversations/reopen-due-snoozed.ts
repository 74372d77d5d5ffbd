import { and, asc, eq, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations } from "@/db/schema";
import { autoAssignAfterCommit } from "@/lib/assignment/after-commit";
import { SYSTEM } from "./actor";
import { applyStatusChange } from "./change-status";
import { lockConversationById } from "./lock-conversation";

/**
 * C4 sweep: reopens snoozed conversations whose `snoozed_until` has passed (run at least once a
 * minute). Each in its own transaction with the row locked, re-checked under the lock so a
 * concurrent toggle or a second sweeper never double-opens. Returns how many were reopened.
 */
export async function reopenDueSnoozed(db: Db, now: Date = new Date(), batch = 500): Promise<number> {
  const due = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.status, "snoozed"), lte(conversations.snoozedUntil, now)))
    .orderBy(asc(conversations.snoozedUntil))
    .limit(batch);
  let reopened = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const c = await lockConversationById(tx, { conversationId: id });
      if (c.status !== "snoozed" || !c.snoozedUntil || c.snoozedUntil > now) return null;
      return applyStatusChange(tx, c, { status: "open", actor: SYSTEM, now, reason: "snooze_expired" });
    });
    if (!done) continue;
    reopened++;
    await autoAssignAfterCommit(db, done, now); // A1, after commit
  }
  return reopened;
}
