import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accountUsers, availabilityEnum, inboxMembers, type Availability } from "@/db/schema";
import { backlogAfterCommit } from "@/lib/assignment/after-commit";
import { AppError } from "@/lib/errors";
import { coordination } from "@/lib/redis";
import type { CoordinationStore } from "@/lib/redis/port";
import { presentAgentIds } from "./agent-presence";
import { effectiveAvailability } from "./effective-availability";
import { appendPresenceUpdate } from "./presence-update";

/** Chatwoot's body for POST /api/v1/profile/availability: `{ profile: { availability, account_id } }`. */
export const availabilityInputSchema = z.object({
  profile: z.object({
    account_id: z.coerce.number().int().positive(),
    availability: z.enum(availabilityEnum.enumValues),
    auto_offline: z.boolean().optional(),
  }),
});
export type AvailabilityInput = z.infer<typeof availabilityInputSchema>;

export type AvailabilityChange = { before: Availability; after: Availability };

/**
 * An agent chooses their availability in one account (and optionally auto_offline). When their
 * effective availability (P2) changes, `presence.update` is written in the same transaction (E2); when
 * they became online, their inboxes' backlogs run after commit (A4), oldest first.
 *
 * Presence is read from the coordination store; if it is unreachable the agent counts as not present
 * (R2) — the choice is still saved, which is what the agent asked for.
 */
export async function setAgentAvailability(
  db: Db,
  {
    accountId,
    userId,
    availability,
    autoOffline,
    now = new Date(),
    store = coordination(),
  }: { accountId: number; userId: number; availability: Availability; autoOffline?: boolean; now?: Date; store?: CoordinationStore },
): Promise<AvailabilityChange> {
  const present = await presentAgentIds(store, accountId, now).catch((err: unknown) => {
    console.warn(`presence: store unavailable, treating agents as not present (${(err as Error).message})`);
    return new Set<number>();
  });
  const change = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(accountUsers)
      .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
      .for("update");
    if (!row) throw AppError.notFound();
    const next = { availability, autoOffline: autoOffline ?? row.autoOffline };
    await tx
      .update(accountUsers)
      .set({ ...next, updatedAt: now })
      .where(eq(accountUsers.id, row.id));
    const change = { before: effectiveAvailability(row, present.has(userId)), after: effectiveAvailability(next, present.has(userId)) };
    if (change.before !== change.after) await appendPresenceUpdate(tx, store, { accountId, present, now });
    return change;
  });
  if (change.after === "online" && change.before !== "online") {
    const inboxIds = await db
      .select({ id: inboxMembers.inboxId })
      .from(inboxMembers)
      .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.userId, userId)));
    await backlogAfterCommit(db, { inboxIds: inboxIds.map((r) => r.id), now, store });
  }
  return change;
}
