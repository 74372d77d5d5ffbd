import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, inboxes, inboxMembers } from "@/db/schema";
import { roundRobinQueue } from "@/lib/assignment/keys";
import { backlogAfterCommit } from "@/lib/assignment/after-commit";
import { AppError } from "@/lib/errors";
import { coordination } from "@/lib/redis";
import type { CoordinationStore } from "@/lib/redis/port";

export type MemberChange = { accountId: number; inboxId: number; userId: number; now?: Date; store?: CoordinationStore };

/**
 * A5: makes a user of the account a member of the inbox and puts them at the back of its round-robin
 * queue; then the inbox's backlog runs (A4), since a new online member may take waiting conversations.
 * Adding an existing member changes nothing. The inbox and the user must belong to the account (404 /
 * 422). The queue update is best effort — the queue is validated against the members on every use
 * (A3), so a missed add is repaired by the next assignment.
 */
export async function addInboxMember(db: Db, { accountId, inboxId, userId, now = new Date(), store = coordination() }: MemberChange): Promise<{ added: boolean }> {
  const added = await db.transaction(async (tx) => {
    const [inbox] = await tx
      .select({ id: inboxes.id })
      .from(inboxes)
      .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)));
    if (!inbox) throw AppError.notFound();
    const [user] = await tx
      .select({ id: accountUsers.id })
      .from(accountUsers)
      .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)));
    if (!user) throw AppError.validation({ user_ids: ["must be agents of this account"] });
    const rows = await tx.insert(inboxMembers).values({ accountId, inboxId, userId }).onConflictDoNothing().returning({ id: inboxMembers.id });
    return rows.length > 0;
  });
  if (!added) return { added };
  await store.roundRobinAdd(roundRobinQueue(inboxId), String(userId)).catch((err: unknown) => {
    console.warn(`assignment: queue of inbox ${inboxId} will be rebuilt on next use (${(err as Error).message})`);
  });
  await backlogAfterCommit(db, { inboxIds: [inboxId], now, store });
  return { added };
}
