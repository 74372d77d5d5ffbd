import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, type Availability } from "@/db/schema";
import type { CoordinationStore } from "@/lib/redis/port";
import { presentAgentIds } from "./agent-presence";

export type ChosenAvailability = { availability: Availability; autoOffline: boolean };

/**
 * P2: with auto_offline on, an agent who is not present is offline whatever they chose; present, or
 * with auto_offline off, they are what they chose (so "busy" stays busy while connected).
 */
export function effectiveAvailability(chosen: ChosenAvailability, present: boolean): Availability {
  if (chosen.autoOffline && !present) return "offline";
  return chosen.availability;
}

export type AgentAvailability = ChosenAvailability & { userId: number; effective: Availability };

/**
 * The effective availability of an account's agents (all of them, or the ids given) at `now`: one
 * query and one presence read. Throws when the coordination store is unreachable; callers decide how
 * to degrade (assignment waits for the sweep, display assumes nobody is present).
 */
export async function loadAgentAvailabilities(db: Db, store: CoordinationStore, { accountId, userIds, now }: { accountId: number; userIds?: number[]; now: Date }): Promise<AgentAvailability[]> {
  if (userIds && userIds.length === 0) return [];
  const where = userIds ? and(eq(accountUsers.accountId, accountId), inArray(accountUsers.userId, userIds)) : eq(accountUsers.accountId, accountId);
  const [rows, present] = await Promise.all([
    db.select({ userId: accountUsers.userId, availability: accountUsers.availability, autoOffline: accountUsers.autoOffline }).from(accountUsers).where(where),
    presentAgentIds(store, accountId, now),
  ]);
  return rows.map((r) => ({ ...r, effective: effectiveAvailability(r, present.has(r.userId)) }));
}
