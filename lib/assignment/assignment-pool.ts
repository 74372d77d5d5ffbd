import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, conversations, inboxMembers, type Inbox } from "@/db/schema";
import { presentAgentIds } from "@/lib/presence/agent-presence";
import { effectiveAvailability } from "@/lib/presence/effective-availability";
import type { CoordinationStore } from "@/lib/redis/port";
import { coordinationCall } from "./coordination-pause";
import { assignmentConfigOf, fairDistributionKey, type AssignmentConfig } from "./keys";

export type AssignmentInbox = Pick<Inbox, "id" | "accountId" | "enableAutoAssignment" | "autoAssignmentConfig">;

/** An eligible agent with the counts that made them eligible. */
export type Candidate = { userId: number; open: number; recent: number };

/**
 * Who may receive a conversation of an inbox right now (A2). `members` is every member in joining
 * order — the queue is validated against it (A3) — and `candidates` the eligible ones. A backlog run
 * keeps one pool for many conversations and updates it as it assigns (`noteAssigned`).
 */
export type AssignmentPool = {
  inbox: AssignmentInbox;
  config: AssignmentConfig;
  members: number[];
  candidates: Candidate[];
  /** Set for a team's assignment (WF2): the claim only goes ahead while the conversation is still on this team. */
  teamId?: number;
};

/**
 * A2 eligibility: effectively online (P2), below max_assignment_limit open conversations in this inbox
 * (when set), and below fair_distribution_limit assignments in the window. One members query, one
 * presence read, then open counts (only when a limit or balanced mode needs them) and the window
 * counts of all online members in one round trip.
 *
 * The window counts use the port's exact windowRecord/windowCounts, not @upstash/ratelimit: the
 * limiter answers "may I take one more?" for one key and counts the hit as it answers, with a sliding
 * window that is an approximation; here we need exact counts for many agents at once, read without
 * consuming anything, and counted only once an assignment has actually committed.
 */
export async function loadAssignmentPool(db: Db, store: CoordinationStore, inbox: AssignmentInbox, now: Date): Promise<AssignmentPool> {
  const config = assignmentConfigOf(inbox);
  const [rows, present] = await Promise.all([
    db
      .select({ userId: inboxMembers.userId, availability: accountUsers.availability, autoOffline: accountUsers.autoOffline })
      .from(inboxMembers)
      .innerJoin(accountUsers, and(eq(accountUsers.accountId, inboxMembers.accountId), eq(accountUsers.userId, inboxMembers.userId)))
      .where(eq(inboxMembers.inboxId, inbox.id))
      .orderBy(asc(inboxMembers.id)),
    coordinationCall(presentAgentIds(store, inbox.accountId, now)),
  ]);
  const members = rows.map((r) => r.userId);
  const online = rows.filter((r) => effectiveAvailability(r, present.has(r.userId)) === "online").map((r) => r.userId);
  if (online.length === 0) return { inbox, config, members, candidates: [] };

  const needOpen = config.maxAssignmentLimit !== null || config.mode === "balanced";
  const [open, recent] = await Promise.all([
    needOpen ? countOpenByAssignee(db, inbox, online) : Promise.resolve(new Map<number, number>()),
    coordinationCall(
      store.windowCounts(
        online.map((id) => fairDistributionKey(inbox.id, id)),
        now.getTime(),
        config.fairWindowMs,
      ),
    ),
  ]);
  const all = online.map((userId, i) => ({ userId, open: open.get(userId) ?? 0, recent: recent[i] ?? 0 }));
  return { inbox, config, members, candidates: all.filter((c) => hasRoom(config, c)) };
}

/** Open conversations per agent in this inbox (only `open` counts, as in Chatwoot). */
export async function countOpenByAssignee(db: Db, inbox: Pick<Inbox, "id" | "accountId">, userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: conversations.assigneeId, n: count() })
    .from(conversations)
    .where(and(eq(conversations.accountId, inbox.accountId), eq(conversations.inboxId, inbox.id), eq(conversations.status, "open"), inArray(conversations.assigneeId, userIds)))
    .groupBy(conversations.assigneeId);
  return new Map(rows.map((r) => [r.userId!, Number(r.n)]));
}

function hasRoom(config: AssignmentConfig, c: Candidate): boolean {
  if (config.maxAssignmentLimit !== null && c.open >= config.maxAssignmentLimit) return false;
  return c.recent < config.fairLimit;
}

/** After an assignment: the agent has one more open and one more recent; drop them when full. */
export function noteAssigned(pool: AssignmentPool, userId: number): void {
  const c = pool.candidates.find((x) => x.userId === userId);
  if (!c) return;
  c.open++;
  c.recent++;
  if (!hasRoom(pool.config, c)) dropCandidate(pool, userId);
}

export function dropCandidate(pool: AssignmentPool, userId: number): void {
  pool.candidates = pool.candidates.filter((x) => x.userId !== userId);
}
