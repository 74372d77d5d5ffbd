import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, inboxMembers, users, type Conversation } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { availableName } from "@/lib/presenters/user-push";
import { accountLocale } from "@/lib/i18n/stored-locales";
import type { Locale } from "@/lib/i18n/locales";
import { actorName, type Actor } from "./actor";
import { createActivityMessage } from "./activity-message";
import { assignmentActivityText } from "./activity-text";
import { emitConversationEvents } from "./emit-conversation-events";

/**
 * What a caller already read in this transaction, so it is not read again (B6): the assignee's
 * name from their membership row, locked by the caller (so membership is already proven), and the
 * account's locale.
 */
export type KnownForAssignment = { assignee?: { name: string; displayName: string | null }; locale?: Locale };

/**
 * Sets the assignee of a locked conversation: `assignee_assigned_at`, the activity message (C8),
 * `assignee.changed` + `conversation.updated`. The assignee must be a member of the inbox (422).
 */
export async function applyAssignment(
  tx: Db,
  conversation: Conversation,
  { assigneeId, actor, now, known = {} }: { assigneeId: number | null; actor: Actor; now: Date; known?: KnownForAssignment },
): Promise<Conversation> {
  if (conversation.assigneeId === assigneeId) return conversation;
  let assigneeName: string | null = null;
  if (assigneeId !== null && known.assignee) assigneeName = availableName(known.assignee);
  else if (assigneeId !== null) {
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
  const text = assignmentActivityText(known.locale ?? (await accountLocale(tx, conversation.accountId)), {
    assignee: assigneeId === null ? null : (assigneeName ?? ""),
    by,
    self: actor.type === "user" && actor.id === assigneeId,
  });
  await createActivityMessage(tx, conversation, text, now);
  const performer = actor.type === "user" ? { type: "user", id: actor.id } : { type: actor.type };
  await emitConversationEvents(tx, conversation, ["assignee.changed", "conversation.updated"], { performer });
  return conversation;
}
