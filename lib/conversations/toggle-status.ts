import { z } from "zod";
import type { Db } from "@/db/client";
import { conversationStatusEnum, type Conversation } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { afterStatusChange } from "@/lib/assignment/after-commit";
import { parseInput } from "@/lib/validation";
import type { Actor } from "./actor";
import { applyAssignment } from "./apply-assignment";
import { applyStatusChange } from "./change-status";
import { lockConversationById } from "./lock-conversation";

/** `snoozed_until` arrives as epoch seconds (Chatwoot's dashboard) or an ISO string. */
export const toggleStatusInputSchema = z.object({
  status: z.enum(conversationStatusEnum.enumValues).optional(),
  snoozed_until: z
    .union([
      z
        .number()
        .positive()
        .transform((s) => new Date(s * 1000)),
      z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    ])
    .nullish(),
});
export type ToggleStatusInput = z.input<typeof toggleStatusInputSchema>;

/**
 * C2 toggle_status: no status toggles open → resolved and resolved/pending/snoozed → open; a status
 * sets it. C3: an agent (never an administrator) who opens an unassigned conversation gets it; an
 * existing assignee is kept (Chatwoot overwrites it).
 */
export async function toggleConversationStatus(
  db: Db,
  { accountId, conversationId, input, actor, now = new Date() }: { accountId?: number; conversationId: number; input: ToggleStatusInput; actor: Actor; now?: Date },
): Promise<Conversation> {
  const data = parseInput(toggleStatusInputSchema, input);
  const { conversation, previous } = await db.transaction(async (tx) => {
    const conversation = await lockConversationById(tx, { conversationId, accountId });
    const previous = { status: conversation.status, assigneeId: conversation.assigneeId };
    const status = data.status ?? (conversation.status === "open" ? "resolved" : "open");
    await applyStatusChange(tx, conversation, { status, snoozedUntil: data.snoozed_until ?? null, actor, now });
    if (status === "open" && actor.type === "user" && actor.role === "agent" && conversation.assigneeId === null) {
      await applyAssignment(tx, conversation, { assigneeId: actor.id, actor, now }).catch((err: unknown) => {
        // An agent outside the inbox opens without taking it; the membership check wrote nothing.
        if (!(err instanceof AppError && err.code === "validation")) throw err;
      });
    }
    return { conversation, previous };
  });
  // A1/A4 after commit: auto-assign on reopen, backlog when an agent's place frees up.
  return afterStatusChange(db, conversation, previous, now);
}
