import { z } from "zod";
import type { Db } from "@/db/client";
import type { Conversation, Role, Team } from "@/db/schema";
import { assignTeam } from "@/lib/teams/assign-team";
import { recordId } from "@/lib/validation";
import { capacityFreedAfterCommit } from "@/lib/assignment/after-commit";
import type { UserActor } from "./actor";
import { applyAssignment } from "./apply-assignment";
import { assignConversation } from "./assign-conversation";
import { lockConversationById } from "./lock-conversation";

/**
 * POST …/assignments body. `assignee_id` present (even null) selects the agent branch, as Chatwoot;
 * otherwise `team_id` (null or "" clears the team).
 */
export const assignmentsInputSchema = z.object({
  assignee_id: recordId.nullable().optional(),
  assignee_type: z.literal("User").optional(),
  team_id: z
    .union([recordId, z.literal("")])
    .nullable()
    .optional(),
});
export type AssignmentsInput = z.output<typeof assignmentsInputSchema>;

export type AssignmentOutcome = { kind: "agent"; assigneeId: number | null } | { kind: "team"; team: Team | null } | { kind: "none" };

/**
 * Who may assign what (C5, WF1):
 * - anyone who can see the conversation reassigns it to any member of its inbox (422 otherwise) or
 *   unassigns it, as Chatwoot — recorded with an activity line and `assignee.changed`;
 * - the one exception is an agent assigning themselves: that is a claim, decided under the row lock,
 *   and a conversation somebody else already holds is a 409 (two agents claiming at once: one wins).
 * Administrators' self-assignment is a reassignment, as before.
 * `team_id` (without `assignee_id`) sets or clears the conversation's team (WF2).
 */
export async function assignViaApi(db: Db, { conversation, user, input }: { conversation: Conversation; user: { id: number; role: Role }; input: AssignmentsInput }): Promise<AssignmentOutcome> {
  const actor: UserActor = { type: "user", id: user.id, role: user.role };
  if (input.assignee_id === undefined) {
    if (input.team_id === undefined) return { kind: "none" };
    const teamId = input.team_id === "" ? null : input.team_id;
    const { team } = await assignTeam(db, { accountId: conversation.accountId, conversationId: conversation.id, teamId, actor });
    return { kind: "team", team };
  }
  const assigneeId = input.assignee_id;
  const mode = user.role !== "administrator" && assigneeId === user.id ? "claim" : "reassign";
  if (assigneeId === null) return { kind: "agent", assigneeId: await unassign(db, { conversation, actor }) };
  const updated = await assignConversation(db, { accountId: conversation.accountId, conversationId: conversation.id, assigneeId, actor, mode });
  return { kind: "agent", assigneeId: updated.assigneeId };
}

/** Unassigns under the row lock; an open conversation taken from its agent frees a place for them (A4). */
async function unassign(db: Db, { conversation, actor }: { conversation: Conversation; actor: UserActor }): Promise<null> {
  const now = new Date();
  const released = await db.transaction(async (tx) => {
    const locked = await lockConversationById(tx, { conversationId: conversation.id, accountId: conversation.accountId });
    if (locked.assigneeId === null) return null;
    const wasOpen = locked.status === "open";
    await applyAssignment(tx, locked, { assigneeId: null, actor, now });
    return { inboxId: locked.inboxId, wasOpen };
  });
  if (released?.wasOpen) await capacityFreedAfterCommit(db, { inboxId: released.inboxId, now });
  return null;
}
