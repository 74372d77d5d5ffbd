import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, type Availability } from "@/db/schema";
import { appendEvent } from "@/lib/realtime/append-event";
import type { CoordinationStore } from "@/lib/redis/port";
import { presentContactIds } from "./agent-presence";
import { effectiveAvailability } from "./effective-availability";

/**
 * Writes `presence.update` for an account (E1) in the caller's transaction. Chatwoot's shape,
 * `{account_id, users: {id: status}, contacts: {id: "online"}}`, carries the whole account, because
 * Chatwoot's dashboard treats an agent missing from `users` as offline; offline agents are listed
 * explicitly so a client that merges instead of replacing is right too. No inbox: account-wide for
 * agents (E3); private, so never sent to contacts.
 *
 * `present` is the set of present agents the caller already read; visitors are read here and, if the
 * store is unreachable, left out rather than failing the change that triggered the event.
 */
export async function appendPresenceUpdate(
  tx: Db,
  store: CoordinationStore,
  { accountId, present, now }: { accountId: number; present: Set<number>; now: Date },
): Promise<Record<string, Availability>> {
  const rows = await tx
    .select({ userId: accountUsers.userId, availability: accountUsers.availability, autoOffline: accountUsers.autoOffline })
    .from(accountUsers)
    .where(eq(accountUsers.accountId, accountId));
  const users = Object.fromEntries(rows.map((r) => [String(r.userId), effectiveAvailability(r, present.has(r.userId))]));
  const contacts = await presentContactIds(store, accountId, now).then(
    (ids) => Object.fromEntries([...ids].map((id) => [String(id), "online"])),
    () => ({}),
  );
  await appendEvent(tx, { accountId, type: "presence.update", private: true, payload: { users, contacts } });
  return users;
}
