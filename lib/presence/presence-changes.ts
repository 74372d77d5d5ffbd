import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, accountUsers, inboxMembers } from "@/db/schema";
import { backlogAfterCommit } from "@/lib/assignment/after-commit";
import type { CoordinationStore } from "@/lib/redis/port";
import { agentPresenceSet, presentAgentIds, PRESENCE_WINDOW_MS } from "./agent-presence";
import { appendPresenceUpdate } from "./presence-update";

/**
 * Presence appearing and expiring (P1) changes the effective availability of agents with auto_offline
 * on (P2), and nothing fires when a window quietly runs out. Rather than a timer per agent, the sweep
 * compares each account's present agents with those it last announced (a second set in the store,
 * `presence-seen:<account>`), writes one `presence.update` per account that changed, and reports who
 * came online so their inboxes' backlogs can run (A4).
 */
const seenSet = (accountId: number) => `presence-seen:${accountId}`;

export type PresenceChanges = { accountId: number; appeared: number[]; vanished: number[]; cameOnline: number[] };

export async function applyPresenceChanges(db: Db, store: CoordinationStore, { accountId, now }: { accountId: number; now: Date }): Promise<PresenceChanges> {
  const [present, seen] = await Promise.all([presentAgentIds(store, accountId, now), store.present(seenSet(accountId), 0)]);
  const seenIds = new Set(seen.map(Number));
  const appeared = [...present].filter((id) => !seenIds.has(id));
  const vanished = [...seenIds].filter((id) => !present.has(id));
  const result: PresenceChanges = { accountId, appeared, vanished, cameOnline: [] };
  if (appeared.length === 0 && vanished.length === 0) return result;

  const rows = await db
    .select({ userId: accountUsers.userId, availability: accountUsers.availability, autoOffline: accountUsers.autoOffline })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), inArray(accountUsers.userId, [...appeared, ...vanished])));
  // Only auto_offline agents change effective availability with presence (P2).
  const affected = rows.filter((r) => r.autoOffline && r.availability !== "offline");
  if (affected.length > 0) await db.transaction((tx) => appendPresenceUpdate(tx, store, { accountId, present, now }).then(() => undefined));
  result.cameOnline = affected.filter((r) => r.availability === "online" && present.has(r.userId)).map((r) => r.userId);

  // Remembered after the event is committed: a crash in between announces again rather than never.
  await Promise.all([...appeared.map((id) => store.touch(seenSet(accountId), String(id), now.getTime())), ...vanished.map((id) => store.forget(seenSet(accountId), String(id)))]);
  return result;
}

/** The sweep's presence step over every account; returns the inboxes whose backlog should run. */
export async function sweepPresence(db: Db, store: CoordinationStore, now: Date): Promise<{ changes: PresenceChanges[]; inboxIds: number[] }> {
  const all = await db.select({ id: accounts.id }).from(accounts);
  const changes: PresenceChanges[] = [];
  for (const { id } of all) {
    const c = await applyPresenceChanges(db, store, { accountId: id, now });
    if (c.appeared.length || c.vanished.length) changes.push(c);
  }
  return { changes, inboxIds: await inboxesOf(db, changes) };
}

/**
 * An explicit sign of life (a ping, a stream connect): touches presence and, when this agent was not
 * present a moment ago, announces it and runs the backlogs of their inboxes after that commit (A4),
 * so an agent coming online is picked up at once instead of at the next sweep. Returns how many
 * conversations that assigned.
 */
export async function recordAgentSignOfLife(db: Db, store: CoordinationStore, { accountId, userId, now }: { accountId: number; userId: number; now: Date }): Promise<number> {
  const wasPresent = (await store.present(agentPresenceSet(accountId), now.getTime() - PRESENCE_WINDOW_MS)).includes(String(userId));
  await store.touch(agentPresenceSet(accountId), String(userId), now.getTime());
  if (wasPresent) return 0;
  const c = await applyPresenceChanges(db, store, { accountId, now });
  return backlogAfterCommit(db, { inboxIds: await inboxesOf(db, [c]), now, store });
}

async function inboxesOf(db: Db, changes: PresenceChanges[]): Promise<number[]> {
  const inboxIds = new Set<number>();
  for (const c of changes) {
    if (c.cameOnline.length === 0) continue;
    const rows = await db
      .select({ inboxId: inboxMembers.inboxId })
      .from(inboxMembers)
      .where(and(eq(inboxMembers.accountId, c.accountId), inArray(inboxMembers.userId, c.cameOnline)));
    for (const r of rows) inboxIds.add(r.inboxId);
  }
  return [...inboxIds];
}
