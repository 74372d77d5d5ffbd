import { and, eq, exists, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversations, inboxMembers, teams, type Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { noNul, NUL_MESSAGE, recordId } from "@/lib/validation";
import type { UserActor } from "./actor";
import type { BulkStep } from "./bulk-batch";
import { runBulkSteps, type BulkResult } from "./bulk-run";
import { assertLabelsExist } from "./conversation-labels";
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

export type { BulkResult };

type Caller = { accountId: number; user: { id: number; role: Role } };

/**
 * The conversations among these display ids the caller may see (R5: authorisation in the query),
 * in one statement: an administrator sees the account's, an agent those of their inboxes.
 */
export async function findVisibleConversations(db: Db, { accountId, user, displayIds }: Caller & { displayIds: number[] }): Promise<{ id: number; displayId: number }[]> {
  if (!displayIds.length) return [];
  return db
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
}

/** 422 naming `team_id` when the team is not one of the account's. */
export async function assertTeamExists(db: Db, accountId: number, teamId: number): Promise<void> {
  const [team] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.accountId, accountId)));
  if (!team) throw AppError.validation({ team_id: ["does not exist"] });
}

/**
 * WF5: applies one change to many conversations with the same rules and events as one at a time
 * (status, then team, then assignee, then labels — the order one request has always applied them).
 * Only conversations the caller can see are touched: the visible ones are found in one statement;
 * the rest (another inbox, another account, no such id) are skipped and counted. Account-wide input
 * errors (unknown label or team) are a 422 before anything changes; a per-conversation refusal (a
 * claim race, an assignee who is not in that inbox) is counted as failed and the others go ahead.
 * The work is done in batches, each one transaction with one statement per kind of change
 * (lib/conversations/bulk-batch.ts), so 1,000 ids finish in seconds.
 */
export async function bulkUpdateConversations(db: Db, { accountId, user, input }: Caller & { input: BulkActionInput }): Promise<BulkResult> {
  const { fields } = input;
  const add = [...new Set(input.labels.add)];
  const remove = [...new Set(input.labels.remove)];
  await assertLabelsExist(db, accountId, [...new Set([...add, ...remove])]);
  if (fields.team_id != null) await assertTeamExists(db, accountId, fields.team_id);
  const displayIds = [...new Set(input.ids)];
  const visible = await findVisibleConversations(db, { accountId, user, displayIds });
  const snoozedUntil = fields.snoozed_until ? (typeof fields.snoozed_until === "number" ? new Date(fields.snoozed_until * 1000) : new Date(fields.snoozed_until)) : null;
  const steps: BulkStep[] = [];
  if (fields.status !== undefined) steps.push({ kind: "status", status: fields.status, snoozedUntil: fields.status === "snoozed" ? snoozedUntil : null });
  if (fields.team_id !== undefined) steps.push({ kind: "team", teamId: fields.team_id });
  if (fields.assignee_id !== undefined) steps.push({ kind: "assignee", assigneeId: fields.assignee_id, claimCheck: true });
  if (add.length || remove.length) steps.push({ kind: "labels", add, remove });
  const actor: UserActor = { type: "user", id: user.id, role: user.role };
  const result = await runBulkSteps(db, { accountId, targets: visible, steps, actor });
  return { ...result, skipped: displayIds.length - visible.length };
}
