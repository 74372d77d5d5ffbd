import { and, eq, exists, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversations, inboxMembers, teams, type Conversation, type Role } from "@/db/schema";
import { afterStatusChange, capacityFreedAfterCommit } from "@/lib/assignment/after-commit";
import { teamAutoAssignAfterCommit } from "@/lib/assignment/team-assign";
import { AppError } from "@/lib/errors";
import { applyTeam } from "@/lib/teams/assign-team";
import { noNul, NUL_MESSAGE, recordId } from "@/lib/validation";
import type { UserActor } from "./actor";
import { applyAssignment } from "./apply-assignment";
import { applyStatusChange } from "./change-status";
import { applyLabels, assertLabelsExist } from "./conversation-labels";
import { lockConversationById } from "./lock-conversation";
import { toggleStatusInputSchema } from "./toggle-status";

const label = z.string().trim().min(1).max(255).toLowerCase().refine(noNul, NUL_MESSAGE);

/** Chatwoot's `POST /bulk_actions` body for conversations (ids are display ids). */
export const bulkActionSchema = z
  .object({
    type: z.literal("Conversation", { error: "must be Conversation" }),
    ids: z.array(recordId, "must be a list of conversation ids").min(1, "can't be blank").max(1000, "at most 1000 at once"),
    fields: z
      .object({
        status: z.enum(["open", "pending", "resolved", "snoozed"]).optional(),
        snoozed_until: toggleStatusInputSchema.shape.snoozed_until,
        assignee_id: recordId.nullable().optional(),
        team_id: recordId.nullable().optional(),
      })
      .default({}),
    labels: z.object({ add: z.array(label).max(100).default([]), remove: z.array(label).max(100).default([]) }).default({ add: [], remove: [] }),
  })
  .refine((b) => b.fields.status !== undefined || b.fields.assignee_id !== undefined || b.fields.team_id !== undefined || b.labels.add.length > 0 || b.labels.remove.length > 0, {
    message: "nothing to change: give fields (status, assignee_id, team_id) or labels (add, remove)",
    path: ["fields"],
  });
export type BulkActionInput = z.output<typeof bulkActionSchema>;

export type BulkResult = { updated: number; unchanged: number; skipped: number; failed: number; errors: { id: number; message: string }[] };

const BATCH = 25;
const PARALLEL = 4;

/**
 * WF5: applies one change to many conversations with the same rules and events as one at a time —
 * per conversation one transaction that locks the row and goes through applyStatusChange,
 * applyAssignment, applyTeam and applyLabels (activity lines, events), then the same after-commit
 * hooks (auto-assignment, team assignment, freed capacity). Only conversations the caller can see
 * are touched: the visible ones are found in one statement; the rest (another inbox, another
 * account, no such id) are skipped and counted. Account-wide input errors (unknown label or team)
 * are a 422 before anything changes; a per-conversation refusal (a claim race, an assignee who is
 * not in that inbox) is counted as failed and the others go ahead. Conversations are processed in
 * batches, a few transactions at a time, so 1,000 ids finish in seconds without holding one long
 * transaction or many row locks at once.
 */
export async function bulkUpdateConversations(db: Db, { accountId, user, input }: { accountId: number; user: { id: number; role: Role }; input: BulkActionInput }): Promise<BulkResult> {
  const { fields } = input;
  const add = [...new Set(input.labels.add)];
  const remove = [...new Set(input.labels.remove)];
  await assertLabelsExist(db, accountId, [...new Set([...add, ...remove])]);
  if (fields.team_id != null) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, fields.team_id), eq(teams.accountId, accountId)));
    if (!team) throw AppError.validation({ team_id: ["does not exist"] });
  }
  const displayIds = [...new Set(input.ids)];
  const visible = await db
    .select({ id: conversations.id, displayId: conversations.displayId })
    .from(conversations)
    .where(
      and(
        eq(conversations.accountId, accountId),
        inArray(conversations.displayId, displayIds),
        user.role === "administrator"
          ? undefined
          : exists(
              db
                .select({ one: inboxMembers.id })
                .from(inboxMembers)
                .where(and(eq(inboxMembers.inboxId, conversations.inboxId), eq(inboxMembers.userId, user.id))),
            ),
      ),
    );
  const result: BulkResult = { updated: 0, unchanged: 0, skipped: displayIds.length - visible.length, failed: 0, errors: [] };
  const actor: UserActor = { type: "user", id: user.id, role: user.role };
  const snoozedUntil = fields.snoozed_until ? (typeof fields.snoozed_until === "number" ? new Date(fields.snoozed_until * 1000) : new Date(fields.snoozed_until)) : null;

  const one = async ({ id, displayId }: { id: number; displayId: number }) => {
    const now = new Date();
    try {
      const { conversation, before, changed } = await db.transaction(async (tx) => {
        const c = await lockConversationById(tx, { conversationId: id, accountId });
        const before = { status: c.status, assigneeId: c.assigneeId, teamId: c.teamId, labels: c.labels, snoozedUntil: c.snoozedUntil?.getTime() ?? null, updatedAt: c.updatedAt.getTime() };
        if (fields.status !== undefined) await applyStatusChange(tx, c, { status: fields.status, snoozedUntil: fields.status === "snoozed" ? snoozedUntil : null, actor, now });
        if (fields.team_id !== undefined) await applyTeam(tx, c, { teamId: fields.team_id, actor, now });
        if (fields.assignee_id !== undefined) {
          // WF1 as one at a time: an agent taking a colleague's conversation for themselves is a claim.
          if (user.role !== "administrator" && fields.assignee_id === user.id && c.assigneeId !== null && c.assigneeId !== user.id) {
            throw new AppError("conflict", "Conversation is already assigned to another agent");
          }
          await applyAssignment(tx, c, { assigneeId: fields.assignee_id, actor, now });
        }
        if (add.length || remove.length) {
          const next = [...c.labels.filter((l) => !remove.includes(l)), ...add.filter((l) => !c.labels.includes(l) && !remove.includes(l))];
          await applyLabels(tx, c, { labels: next, actor, now });
        }
        return { conversation: c, before, changed: c.updatedAt.getTime() !== before.updatedAt };
      });
      if (!changed) {
        result.unchanged++;
        return;
      }
      result.updated++;
      await afterCommit(db, conversation, before, now);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result.failed++;
      if (result.errors.length < 20) result.errors.push({ id: displayId, message: err.message });
    }
  };

  for (let i = 0; i < visible.length; i += BATCH * PARALLEL) {
    const slice = visible.slice(i, i + BATCH * PARALLEL);
    const lanes = Array.from({ length: PARALLEL }, (_, lane) => slice.filter((_, j) => j % PARALLEL === lane));
    await Promise.all(
      lanes.map(async (lane) => {
        for (const c of lane) await one(c);
      }),
    );
  }
  return result;
}

/** The hooks one-at-a-time changes run after their commit, in the same order. */
async function afterCommit(db: Db, c: Conversation, before: { status: Conversation["status"]; assigneeId: number | null; teamId: number | null }, now: Date): Promise<void> {
  let current = c;
  if (before.status !== c.status) current = await afterStatusChange(db, c, { status: before.status, assigneeId: before.assigneeId }, now);
  else if (c.status === "open" && before.assigneeId !== null && before.assigneeId !== c.assigneeId) await capacityFreedAfterCommit(db, { inboxId: c.inboxId, now });
  if (current.teamId !== before.teamId) await teamAutoAssignAfterCommit(db, current, now);
}
