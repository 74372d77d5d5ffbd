import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, inboxMembers, users, type Inbox } from "@/db/schema";
import { presentAgentIds } from "@/lib/presence/agent-presence";
import { effectiveAvailability } from "@/lib/presence/effective-availability";
import { availableName } from "@/lib/presenters/user-push";
import { coordination } from "@/lib/redis";

export type WidgetInboxMember = { id: number; name: string; avatar_url: string; availability_status: string };

/**
 * Chatwoot's widget `GET inbox_members`: the team the home view shows (W9) — each member's public
 * name and effective availability (P2), nothing else (no email, no role). With presence unreadable
 * (R2) nobody is shown as present, as the widget's online status does.
 */
export async function listWidgetInboxMembers(db: Db, inbox: Pick<Inbox, "id" | "accountId">, now: Date = new Date()): Promise<WidgetInboxMember[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, displayName: users.displayName, availability: accountUsers.availability, autoOffline: accountUsers.autoOffline })
    .from(inboxMembers)
    .innerJoin(users, eq(users.id, inboxMembers.userId))
    .innerJoin(accountUsers, and(eq(accountUsers.accountId, inboxMembers.accountId), eq(accountUsers.userId, inboxMembers.userId)))
    .where(eq(inboxMembers.inboxId, inbox.id))
    .orderBy(asc(users.id))
    .limit(50);
  const present = await presentAgentIds(coordination(), inbox.accountId, now).catch(() => new Set<number>());
  return rows.map((r) => ({ id: r.id, name: availableName(r), avatar_url: "", availability_status: effectiveAvailability(r, present.has(r.id)) }));
}
