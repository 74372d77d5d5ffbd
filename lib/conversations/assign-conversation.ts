import { z } from "zod";
import type { Db } from "@/db/client";
import type { Conversation } from "@/db/schema";
import { capacityFreedAfterCommit } from "@/lib/assignment/after-commit";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { applyAssignment } from "./apply-assignment";
import { lockConversationById } from "./lock-conversation";

export const assignmentInputSchema = z.object({ assignee_id: z.number().int().positive().nullable() });

/**
 * "claim": take an unassigned conversation; one already assigned to someone else is a 409 conflict.
 * "reassign": an explicit (re)assignment — administrators, the assignments endpoint, auto-assignment.
 */
export type AssignMode = "claim" | "reassign";

/**
 * C5: race-safe assignment. The conversation row is locked for the decision, so of many concurrent
 * claims exactly one wins and the others see its assignee and get a conflict.
 */
export async function assignConversation(
  db: Db,
  { accountId, conversationId, assigneeId, actor, mode, now = new Date() }: { accountId?: number; conversationId: number; assigneeId: number | null; actor: Actor; mode: AssignMode; now?: Date },
): Promise<Conversation> {
  const { conversation, before } = await db.transaction(async (tx) => {
    const conversation = await lockConversationById(tx, { conversationId, accountId });
    const before = { status: conversation.status, assigneeId: conversation.assigneeId };
    if (mode === "claim") {
      if (assigneeId === null) throw AppError.validation({ assignee_id: ["can't be blank"] });
      if (conversation.assigneeId !== null && conversation.assigneeId !== assigneeId) {
        throw new AppError("conflict", "Conversation is already assigned to another agent");
      }
    }
    return { conversation: await applyAssignment(tx, conversation, { assigneeId, actor, now }), before };
  });
  // A4 after commit: moving an open conversation away from an agent frees a place for them.
  if (before.status === "open" && before.assigneeId !== null && before.assigneeId !== conversation.assigneeId) {
    await capacityFreedAfterCommit(db, { inboxId: conversation.inboxId, now });
  }
  return conversation;
}
