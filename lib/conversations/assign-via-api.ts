import { z } from "zod";
import type { Db } from "@/db/client";
import type { Conversation, Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordId } from "@/lib/validation";
import { capacityFreedAfterCommit } from "@/lib/assignment/after-commit";
import type { UserActor } from "./actor";
import { applyAssignment } from "./apply-assignment";
import { assignConversation } from "./assign-conversation";
import { lockConversationById } from "./lock-conversation";

/**
 * POST …/assignments body. `assignee_id` present (even null) selects the agent branch, as Chatwoot;
 * `team_id` is accepted and ignored (Parley has no teams), so a team-only body answers `null`.
 */
export const assignmentsInputSchema = z.object({
  assignee_id: recordId.nullable().optional(),
  assignee_type: z.literal("User").optional(),
  team_id: z.union([z.number().int(), z.string()]).nullable().optional(),
});
export type AssignmentsInput = z.output<typeof assignmentsInputSchema>;

/**
 * Who may assign what (C5):
 * - administrators reassign freely: any inbox member, or nobody (recorded, `assignee.changed`);
 * - agents claim: they may assign themselves or a colleague only while nobody else holds the
 *   conversation (under the row lock; otherwise 409), and may release only what they hold (else 403).
 * Returns the new assignee id, or undefined when the body selected no agent branch.
 */
export async function assignViaApi(
  db: Db,
  { conversation, user, input }: { conversation: Conversation; user: { id: number; role: Role }; input: AssignmentsInput },
): Promise<number | null | undefined> {
  if (input.assignee_id === undefined) return undefined;
  const actor: UserActor = { type: "user", id: user.id, role: user.role };
  const assigneeId = input.assignee_id;
  if (user.role === "administrator") {
    return (await assignConversation(db, { accountId: conversation.accountId, conversationId: conversation.id, assigneeId, actor, mode: "reassign" })).assigneeId;
  }
  if (assigneeId === null) return releaseOwnConversation(db, { conversation, actor });

  return (await assignConversation(db, { accountId: conversation.accountId, conversationId: conversation.id, assigneeId, actor, mode: "claim" })).assigneeId;
}

/** An agent gives back what they hold; decided under the row lock, so a concurrent reassignment wins. */
async function releaseOwnConversation(db: Db, { conversation, actor }: { conversation: Conversation; actor: UserActor }): Promise<null> {
  const now = new Date();
  const released = await db.transaction(async (tx) => {
    const locked = await lockConversationById(tx, { conversationId: conversation.id, accountId: conversation.accountId });
    if (locked.assigneeId === null) return null;
    if (locked.assigneeId !== actor.id) throw new AppError("forbidden", "Only administrators can unassign a colleague's conversation");
    const wasOpen = locked.status === "open";
    await applyAssignment(tx, locked, { assigneeId: null, actor, now });
    return { inboxId: locked.inboxId, wasOpen };
  });
  // A4 after commit: the agent's place in this inbox is free again.
  if (released?.wasOpen) await capacityFreedAfterCommit(db, { inboxId: released.inboxId, now });
  return null;
}
