import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, inboxes, inboxMembers } from "@/db/schema";
import { coordination } from "@/lib/redis";
import type { CoordinationStore } from "@/lib/redis/port";
import { loadAssignmentPool } from "./assignment-pool";
import { assignFromPool } from "./auto-assign";

export type BacklogOptions = { inboxId?: number; now?: Date; limit?: number; store?: CoordinationStore };
export type BacklogResult = { assigned: number; conversationIds: number[] };

/** Open conversations that need somebody: unassigned, or their assignee is no longer an inbox member. */
const waitingForAssignee = or(
  isNull(conversations.assigneeId),
  sql`not exists (select 1 from ${inboxMembers} m where m.inbox_id = ${conversations.inboxId} and m.user_id = ${conversations.assigneeId})`,
);

/**
 * A4: assigns waiting conversations, oldest-waiting first (`waiting_since`, then `created_at`; a
 * conversation whose waiting was cleared by a reply goes after those still waiting), up to `limit`
 * per inbox — one inbox, or every inbox with auto-assignment on that has any. Chatwoot takes the
 * newest first here and starves the queue (#10583). One eligibility pool per inbox, updated as it
 * assigns, so a run costs one pool load plus one claim per conversation; it stops early when nobody
 * has room. Returns the conversations assigned, in the order they were.
 */
export async function assignBacklog(db: Db, opts: BacklogOptions = {}): Promise<BacklogResult> {
  const store = opts.store ?? coordination();
  const now = opts.now ?? new Date();
  const limit = opts.limit ?? 100;
  const inboxFilter = opts.inboxId === undefined ? undefined : eq(inboxes.id, opts.inboxId);
  const targets = await db
    .selectDistinct({ inbox: inboxes })
    .from(inboxes)
    .innerJoin(conversations, and(eq(conversations.inboxId, inboxes.id), eq(conversations.status, "open")))
    .where(and(eq(inboxes.enableAutoAssignment, true), inboxFilter, waitingForAssignee));
  const conversationIds: number[] = [];
  for (const { inbox } of targets) {
    const pool = await loadAssignmentPool(db, inbox);
    if (pool.candidates.length === 0) continue;
    const waiting = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.accountId, inbox.accountId), eq(conversations.inboxId, inbox.id), eq(conversations.status, "open"), waitingForAssignee))
      .orderBy(sql`${conversations.waitingSince} asc nulls last`, asc(conversations.createdAt), asc(conversations.id))
      .limit(limit);
    for (const { id } of waiting) {
      if (pool.candidates.length === 0) break;
      const assigned = await assignFromPool(db, store, pool, id, now);
      if (assigned) conversationIds.push(assigned.id);
    }
  }
  return { assigned: conversationIds.length, conversationIds };
}
