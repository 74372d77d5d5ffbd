import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, inboxes, teamMembers, teams, type Conversation } from "@/db/schema";
import { coordination } from "@/lib/redis";
import { loadAssignmentPool } from "./assignment-pool";
import { assignFromPool, type AssignOptions } from "./auto-assign";
import { needsAssignee } from "./claim-for-agent";
import { assignmentPaused, CoordinationUnavailableError, pauseAssignment } from "./coordination-pause";

/**
 * WF2: a conversation that lands unassigned on a team with `allow_auto_assign` goes to an online
 * member of the team who is also a member of the conversation's inbox — whether or not the inbox's
 * own auto-assignment is on — by the inbox's rules: the inbox's pool (A2: online, capacity, fair
 * distribution) narrowed to the team, its round-robin queue (A3), and the same locked claim (C5).
 * The claim re-checks under the row lock that the conversation is still on this team and still
 * needs somebody, so a manual assignment or a team change that commits first wins.
 */
export async function autoAssignFromTeam(db: Db, conversationId: number, now: Date = new Date(), opts: AssignOptions = {}): Promise<Conversation | null> {
  const [row] = await db
    .select({ conversation: conversations, inbox: inboxes, team: teams })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .innerJoin(teams, eq(teams.id, conversations.teamId))
    .where(eq(conversations.id, conversationId));
  if (!row || !row.team.allowAutoAssign || !(await needsAssignee(db, row.conversation))) return null;
  const store = opts.store ?? coordination();
  const [pool, members] = await Promise.all([loadAssignmentPool(db, row.inbox), db.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, row.team.id))]);
  const team = new Set(members.map((m) => m.userId));
  pool.candidates = pool.candidates.filter((c) => team.has(c.userId));
  pool.teamId = row.team.id;
  return assignFromPool(db, store, pool, conversationId, now);
}

/** After the commit that put a conversation on a team; never throws (a failure waits for the next change). */
export async function teamAutoAssignAfterCommit(db: Db, conversation: Conversation, now: Date): Promise<Conversation> {
  if (conversation.teamId === null || conversation.status !== "open" || assignmentPaused()) return conversation;
  try {
    return (await autoAssignFromTeam(db, conversation.id, now)) ?? conversation;
  } catch (err) {
    if (err instanceof CoordinationUnavailableError) pauseAssignment();
    console.warn(`assignment: team assignment of conversation ${conversation.id} skipped (${(err as Error).message})`);
    return conversation;
  }
}
