import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversations, inboxMembers, users, type Conversation } from "@/db/schema";
import { capacityFreedAfterCommit } from "@/lib/assignment/after-commit";
import { AppError } from "@/lib/errors";
import { availableName } from "@/lib/presenters/user-push";
import { actorName, type Actor } from "./actor";
import { accountLocale } from "@/lib/i18n/stored-locales";
import { createActivityMessage } from "./activity-message";
import { assignmentActivityText } from "./activity-text";
import { emitConversationEvents } from "./emit-conversation-events";
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

/**
 * Sets the assignee of a locked conversation: `assignee_assigned_at`, the activity message (C8),
 * `assignee.changed` + `conversation.updated`. The assignee must be a member of the inbox (422).
 */
export async function applyAssignment(tx: Db, conversation: Conversation, { assigneeId, actor, now }: { assigneeId: number | null; actor: Actor; now: Date }): Promise<Conversation> {
  if (conversation.assigneeId === assigneeId) return conversation;
  let assigneeName: string | null = null;
  if (assigneeId !== null) {
    const [member] = await tx
      .select({ name: users.name, displayName: users.displayName })
      .from(inboxMembers)
      .innerJoin(users, eq(users.id, inboxMembers.userId))
      .where(and(eq(inboxMembers.inboxId, conversation.inboxId), eq(inboxMembers.userId, assigneeId)));
    if (!member) throw AppError.validation({ assignee_id: ["is not a member of this inbox"] });
    assigneeName = availableName(member);
  }
  const [updated] = await tx
    .update(conversations)
    .set({ assigneeId, assigneeAssignedAt: assigneeId === null ? null : now, updatedAt: now })
    .where(eq(conversations.id, conversation.id))
    .returning();
  Object.assign(conversation, updated);

  const by = await actorName(tx, actor);
  const text = assignmentActivityText(await accountLocale(tx, conversation.accountId), {
    assignee: assigneeId === null ? null : (assigneeName ?? ""),
    by,
    self: actor.type === "user" && actor.id === assigneeId,
  });
  await createActivityMessage(tx, conversation, text, now);
  await emitConversationEvents(tx, conversation, ["assignee.changed", "conversation.updated"]);
  return conversation;
}
