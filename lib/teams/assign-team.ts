import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, teamMembers, teams, type Conversation, type Team } from "@/db/schema";
import { capacityFreedAfterCommit } from "@/lib/assignment/after-commit";
import { teamAutoAssignAfterCommit } from "@/lib/assignment/team-assign";
import { actorName, type Actor } from "@/lib/conversations/actor";
import { createActivityMessage } from "@/lib/conversations/activity-message";
import { applyAssignment } from "@/lib/conversations/apply-assignment";
import { emitConversationEvents } from "@/lib/conversations/emit-conversation-events";
import { lockConversationById } from "@/lib/conversations/lock-conversation";
import { AppError } from "@/lib/errors";
import { accountLocale } from "@/lib/i18n/stored-locales";
import { translator } from "@/lib/i18n/translate";

export type TeamChange = { accountId: number; conversationId: number; teamId: number | null; actor: Actor; now?: Date };
export type TeamApplied = { conversation: Conversation; team: Team | null; changed: boolean };

/**
 * Sets the team of a conversation already locked in `tx` (WF2), as Chatwoot's AssignmentHandler:
 * an unknown team of the account is a 422 naming `team_id`; an assignee who is not a member of the
 * new team is unassigned (with its own activity and `assignee.changed`); the team change writes its
 * activity message (C8) and emits `team.changed` + `conversation.updated`, all in this transaction.
 * Team auto-assignment runs after the commit: call `afterTeamChange`.
 */
export async function applyTeam(tx: Db, conversation: Conversation, { teamId, actor, now }: { teamId: number | null; actor: Actor; now: Date }): Promise<TeamApplied> {
  const previous = conversation.teamId;
  let team: Team | null = null;
  if (teamId !== null) {
    [team = null] = await tx
      .select()
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.accountId, conversation.accountId)));
    if (!team) throw AppError.validation({ team_id: ["does not exist"] });
  }
  if (previous === teamId) return { conversation, team, changed: false };
  let previousName: string | null = null;
  if (previous !== null) {
    const [p] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, previous));
    previousName = p?.name ?? null;
  }
  const [updated] = await tx.update(conversations).set({ teamId, updatedAt: now }).where(eq(conversations.id, conversation.id)).returning();
  Object.assign(conversation, updated);

  if (team && conversation.assigneeId !== null) {
    const [member] = await tx
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, conversation.assigneeId)));
    if (!member) await applyAssignment(tx, conversation, { assigneeId: null, actor, now });
  }

  const t = translator(await accountLocale(tx, conversation.accountId));
  const by = await actorName(tx, actor);
  const text = team
    ? by
      ? t("server.activity.teamAssignedBy", { team: team.name, name: by })
      : t("server.activity.teamAssignedBySystem", { team: team.name })
    : by
      ? t("server.activity.teamUnassignedBy", { team: previousName ?? "", name: by })
      : t("server.activity.teamUnassignedBySystem", { team: previousName ?? "" });
  await createActivityMessage(tx, conversation, text, now);
  await emitConversationEvents(tx, conversation, ["team.changed", "conversation.updated"]);
  return { conversation, team, changed: true };
}

/**
 * After the commit of a team change: a conversation that left its assignee frees a place (A4), and
 * one that now sits unassigned on a team with `allow_auto_assign` is assigned from the team (WF2).
 */
export async function afterTeamChange(db: Db, conversation: Conversation, before: { status: Conversation["status"]; assigneeId: number | null }, now: Date): Promise<Conversation> {
  if (before.status === "open" && before.assigneeId !== null && conversation.assigneeId === null) {
    await capacityFreedAfterCommit(db, { inboxId: conversation.inboxId, now });
  }
  return teamAutoAssignAfterCommit(db, conversation, now);
}

/**
 * Sets (or clears, with null) a conversation's team: the domain function behind
 * `POST …/assignments {team_id}`, bulk actions, macros and automation. Locks the conversation,
 * applies the change in one transaction, then runs team auto-assignment after the commit.
 * `accountId` scopes the lookup: a conversation of another account is a 404.
 */
export async function assignTeam(db: Db, { accountId, conversationId, teamId, actor, now = new Date() }: TeamChange): Promise<TeamApplied> {
  const { applied, before } = await db.transaction(async (tx) => {
    const conversation = await lockConversationById(tx, { conversationId, accountId });
    const before = { status: conversation.status, assigneeId: conversation.assigneeId };
    return { applied: await applyTeam(tx, conversation, { teamId, actor, now }), before };
  });
  if (!applied.changed) return applied;
  return { ...applied, conversation: await afterTeamChange(db, applied.conversation, before, now) };
}
