import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversations, priorityEnum, type Conversation, type Priority } from "@/db/schema";
import { parseInput } from "@/lib/validation";
import { actorName, type Actor } from "./actor";
import { createActivityMessage } from "./activity-message";
import { emitConversationEvents } from "./emit-conversation-events";
import { lockConversationById } from "./lock-conversation";

/** Absent, null or "" clears the priority; anything outside the enum is a 422 (Chatwoot: 500). */
export const togglePriorityInputSchema = z.object({
  priority: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(priorityEnum.enumValues).nullable()).optional(),
});
export type TogglePriorityInput = z.input<typeof togglePriorityInputSchema>;

/** The priority's activity line (C8); bulk changes and macros write the same words. */
export function priorityActivity(name: string, from: Priority | null, to: Priority | null): string {
  if (to === null) return `${name} removed the priority`;
  if (from === null) return `${name} set the priority to ${to}`;
  return `${name} changed the priority from ${from} to ${to}`;
}

/** toggle_priority with its activity message (C8) and `conversation.updated`. */
export async function toggleConversationPriority(
  db: Db,
  { accountId, conversationId, input, actor, now = new Date() }: { accountId?: number; conversationId: number; input: TogglePriorityInput; actor: Actor; now?: Date },
): Promise<Conversation> {
  const priority = parseInput(togglePriorityInputSchema, input).priority ?? null;
  return db.transaction(async (tx) => {
    const conversation = await lockConversationById(tx, { conversationId, accountId });
    if (conversation.priority === priority) return conversation;
    const from = conversation.priority;
    const [updated] = await tx.update(conversations).set({ priority, updatedAt: now }).where(eq(conversations.id, conversation.id)).returning();
    Object.assign(conversation, updated);
    await createActivityMessage(tx, conversation, priorityActivity((await actorName(tx, actor)) ?? "System", from, priority), now);
    await emitConversationEvents(tx, conversation, ["conversation.updated"]);
    return conversation;
  });
}
