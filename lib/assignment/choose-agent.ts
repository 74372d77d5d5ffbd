import { agentPresenceSet, PRESENCE_WINDOW_MS } from "@/lib/presence/agent-presence";
import type { CoordinationStore } from "@/lib/redis/port";
import type { AssignmentPool } from "./assignment-pool";
import { coordinationCall } from "./coordination-pause";
import { fairDistributionKey, roundRobinQueue } from "./keys";

/**
 * A2 + A3: the next agent for the inbox, or null when nobody is eligible — in one atomic call to the
 * store (chooseEligible): of the pool's candidates, those present (P2, for auto-offline agents) and
 * below fair_distribution_limit assignments in the window; round robin takes the first of them in the
 * queue, balanced the first among those with the fewest open conversations, so the tie-break follows
 * the round-robin order. The chosen one goes to the back, and concurrent assigners never read the
 * order and rotate it in two steps. Null empties the pool (nobody has room now: a backlog stops).
 */
export async function chooseAgent(store: CoordinationStore, pool: AssignmentPool, now: Date): Promise<number | null> {
  if (pool.candidates.length === 0) return null;
  const chosen = await coordinationCall(
    store.chooseEligible({
      queue: roundRobinQueue(pool.inbox.id),
      members: pool.members.map(String),
      presence: { set: agentPresenceSet(pool.inbox.accountId), sinceMs: now.getTime() - PRESENCE_WINDOW_MS },
      window: { atMs: now.getTime(), windowMs: pool.config.fairWindowMs, limit: pool.config.fairLimit },
      candidates: pool.candidates.map((c) => ({ id: String(c.userId), needsPresence: c.needsPresence, windowKey: fairDistributionKey(pool.inbox.id, c.userId), open: c.open })),
      fewestOpen: pool.config.mode === "balanced",
    }),
  );
  if (chosen === null) pool.candidates = [];
  return chosen === null ? null : Number(chosen);
}
