import type { CoordinationStore } from "@/lib/redis/port";
import type { AssignmentPool } from "./assignment-pool";
import { coordinationCall } from "./coordination-pause";
import { roundRobinQueue } from "./keys";

/**
 * A3: the next agent for the inbox, or null when nobody is eligible. Round robin: the first eligible
 * agent in the queue. Balanced: the eligible agents with the fewest open conversations, and among
 * them the first in the queue — the same atomic choose-and-rotate with the tie as its allowed set, so
 * the tie-break follows the round-robin order, the chosen one still goes to the back, and concurrent
 * assigners never read the order and rotate it in two steps.
 */
export async function chooseAgent(store: CoordinationStore, pool: AssignmentPool): Promise<number | null> {
  if (pool.candidates.length === 0) return null;
  let allowed = pool.candidates;
  if (pool.config.mode === "balanced") {
    const fewest = Math.min(...allowed.map((c) => c.open));
    allowed = allowed.filter((c) => c.open === fewest);
  }
  const chosen = await coordinationCall(
    store.roundRobinNext(
      roundRobinQueue(pool.inbox.id),
      pool.members.map(String),
      allowed.map((c) => String(c.userId)),
    ),
  );
  return chosen === null ? null : Number(chosen);
}
