import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, inboxMembers } from "@/db/schema";
import { getInboxWithSettingsById } from "@/lib/inboxes/get-inbox";
import { isInboxOpenAt } from "@/lib/inboxes/working-hours";
import { coordination } from "@/lib/redis";
import type { CoordinationStore } from "@/lib/redis/port";
import { presentAgentIds } from "./agent-presence";
import { effectiveAvailability } from "./effective-availability";

/**
 * P3: what the widget shows — online only when the inbox is inside its working hours (on its own
 * clock) and at least one member is effectively online (P2). Chatwoot shows "away" while agents are
 * online when its presence hash drifts (#5918); here presence and choice are read fresh each time.
 *
 * With the coordination store unreachable (R2) presence is unknown, so only agents with auto_offline
 * off (always their chosen availability) can make the inbox online — the widget keeps working.
 */
export async function isInboxOnline(db: Db, inboxId: number, now: Date = new Date(), store: CoordinationStore = coordination()): Promise<boolean> {
  const { inbox, workingHours } = await getInboxWithSettingsById(db, { inboxId });
  if (!isInboxOpenAt(inbox, workingHours, now)) return false;
  const members = await db
    .select({ userId: inboxMembers.userId, availability: accountUsers.availability, autoOffline: accountUsers.autoOffline })
    .from(inboxMembers)
    .innerJoin(accountUsers, and(eq(accountUsers.accountId, inboxMembers.accountId), eq(accountUsers.userId, inboxMembers.userId)))
    .where(eq(inboxMembers.inboxId, inboxId));
  if (!members.some((m) => m.availability === "online")) return false;
  const present = await presentAgentIds(store, inbox.accountId, now).catch(() => new Set<number>());
  return members.some((m) => effectiveAvailability(m, present.has(m.userId)) === "online");
}
