import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, conversations, inboxMembers, type Availability, type Inbox } from "@/db/schema";
import { effectiveAvailability } from "@/lib/presence/effective-availability";
import { assignmentConfigOf, type AssignmentConfig } from "./keys";

export type AssignmentInbox = Pick<Inbox, "id" | "accountId" | "enableAutoAssignment" | "autoAssignmentConfig">;

/**
 * A member who may receive a conversation as far as the database knows: chosen availability online
 * and (with max_assignment_limit) room for one more. Presence (P2, when `needsPresence`) and the
 * fair-distribution count are checked by the store at the moment of choosing (chooseAgent).
 */
export type Candidate = { userId: number; open: number; needsPresence: boolean };

/** A member as the eligibility statements read them, in joining order. */
export type MemberAvailability = { userId: number; availability: Availability; autoOffline: boolean };

/**
 * Who may receive a conversation of an inbox right now (A2). `members` is every member in joining
 * order — the queue is validated against it (A3) — and `candidates` the ones the database allows.
 * A backlog run keeps one pool for many conversations and updates it as it assigns (`noteAssigned`).
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
 * A2 eligibility, the database's part: members whose chosen availability is online, below
 * max_assignment_limit open conversations in this inbox (when set). One members query, then the
 * open counts (only when a limit or balanced mode needs them). The coordination store's part —
 * presence for auto-offline agents (P2) and fewer than fair_distribution_limit assignments within
 * the window — is read in the same atomic step as the round robin (chooseAgent), so choosing costs
 * one round trip.
 *
 * The window counts use the port's exact windowed counter, not @upstash/ratelimit: the limiter
 * answers "may I take one more?" for one key and counts the hit as it answers, with a sliding window
 * that is an approximation; here we need exact counts for many agents at once, read without
 * consuming anything, and counted only once an assignment has actually committed.
 */
export async function loadAssignmentPool(db: Db, inbox: AssignmentInbox): Promise<AssignmentPool> {
  const rows = await db
    .select({ userId: inboxMembers.userId, availability: accountUsers.availability, autoOffline: accountUsers.autoOffline })
    .from(inboxMembers)
    .innerJoin(accountUsers, and(eq(accountUsers.accountId, inboxMembers.accountId), eq(accountUsers.userId, inboxMembers.userId)))
    .where(eq(inboxMembers.inboxId, inbox.id))
    .orderBy(asc(inboxMembers.id));
  return poolOf(db, inbox, rows);
}

/** The pool for members already read (autoAssign reads them with the conversation, in one statement). */
export async function poolOf(db: Db, inbox: AssignmentInbox, rows: MemberAvailability[]): Promise<AssignmentPool> {
  const config = assignmentConfigOf(inbox);
  const members = rows.map((r) => r.userId);
  // P2: online whatever presence says when auto_offline is off; online only while present when it is on.
  const online = rows.filter((r) => effectiveAvailability(r, true) === "online");
  if (online.length === 0) return { inbox, config, members, candidates: [] };
  const needOpen = config.maxAssignmentLimit !== null || config.mode === "balanced";
  const open = needOpen
    ? await countOpenByAssignee(
        db,
        inbox,
        online.map((r) => r.userId),
      )
    : new Map<number, number>();
  const all = online.map((r) => ({ userId: r.userId, open: open.get(r.userId) ?? 0, needsPresence: effectiveAvailability(r, false) !== "online" }));
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
  return config.maxAssignmentLimit === null || c.open < config.maxAssignmentLimit;
}

/**
 * After an assignment: the agent has one more open; drop them when full. (Their fair-distribution
 * count is recorded in the store after commit and read there at the next choice.)
 */
export function noteAssigned(pool: AssignmentPool, userId: number): void {
  const c = pool.candidates.find((x) => x.userId === userId);
  if (!c) return;
  c.open++;
  if (!hasRoom(pool.config, c)) dropCandidate(pool, userId);
}

export function dropCandidate(pool: AssignmentPool, userId: number): void {
  pool.candidates = pool.candidates.filter((x) => x.userId !== userId);
}
