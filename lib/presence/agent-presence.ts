import type { CoordinationStore } from "@/lib/redis/port";

/**
 * P1: an agent is present for 60 s after their last sign of life (stream connect, heartbeat, ping).
 * Chatwoot's window equals its 20 s ping interval, so one late ping flips an agent offline; three
 * pings' worth of slack keeps presence steady through a slow network or a throttled background tab.
 */
export const PRESENCE_WINDOW_MS = 60_000;

/** The presence set of an account's agents. The operator stream route touches this same key. */
export const agentPresenceSet = (accountId: number) => `presence:${accountId}`;
/** The presence set of an account's visitors (contacts), kept the same way (P2). */
export const contactPresenceSet = (accountId: number) => `presence-contacts:${accountId}`;

/** Records a sign of life for an agent in every account given (an explicit ping or a stream heartbeat). */
export async function touchAgentPresence(store: CoordinationStore, { accountIds, userId, now }: { accountIds: number[]; userId: number; now: Date }): Promise<void> {
  await Promise.all(accountIds.map((accountId) => store.touch(agentPresenceSet(accountId), String(userId), now.getTime())));
}

/** Sign-out: the agent stops being present at once instead of after the window. */
export async function forgetAgentPresence(store: CoordinationStore, { accountId, userId }: { accountId: number; userId: number }): Promise<void> {
  await store.forget(agentPresenceSet(accountId), String(userId));
}

/** The agents of an account present at `now`. */
export async function presentAgentIds(store: CoordinationStore, accountId: number, now: Date): Promise<Set<number>> {
  const ids = await store.present(agentPresenceSet(accountId), now.getTime() - PRESENCE_WINDOW_MS);
  return new Set(ids.map(Number));
}

/** A visitor's sign of life (the widget's stream and pings call this). */
export async function touchContactPresence(store: CoordinationStore, { accountId, contactId, now }: { accountId: number; contactId: number; now: Date }): Promise<void> {
  await store.touch(contactPresenceSet(accountId), String(contactId), now.getTime());
}

/** The visitors of an account present at `now` (shown to agents as `availability_status: online`). */
export async function presentContactIds(store: CoordinationStore, accountId: number, now: Date): Promise<Set<number>> {
  const ids = await store.present(contactPresenceSet(accountId), now.getTime() - PRESENCE_WINDOW_MS);
  return new Set(ids.map(Number));
}

export async function isContactOnline(store: CoordinationStore, { accountId, contactId, now }: { accountId: number; contactId: number; now: Date }): Promise<boolean> {
  return (await presentContactIds(store, accountId, now)).has(contactId);
}
