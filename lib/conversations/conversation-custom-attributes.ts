import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversations } from "@/db/schema";
import { attributes } from "@/lib/validation";
import { emitConversationEvents } from "./emit-conversation-events";
import { lockConversationById } from "./lock-conversation";

/** Chatwoot's body: `{custom_attributes: {…}}`, required (a missing or non-object value is a 422 naming it). */
export const conversationCustomAttributesSchema = z.object({ custom_attributes: attributes() });

/**
 * `POST /conversations/:id/custom_attributes`: replaces the conversation's custom attributes, as
 * Chatwoot's `update!(custom_attributes:)` does, and announces `conversation.updated` (a change only).
 */
export async function setConversationCustomAttributes(
  db: Db,
  { conversationId, customAttributes, now = new Date() }: { conversationId: number; customAttributes: Record<string, unknown>; now?: Date },
): Promise<Record<string, unknown>> {
  return db.transaction(async (tx) => {
    const conversation = await lockConversationById(tx, { conversationId });
    if (JSON.stringify(conversation.customAttributes) === JSON.stringify(customAttributes)) return conversation.customAttributes;
    const [updated] = await tx.update(conversations).set({ customAttributes, updatedAt: now }).where(eq(conversations.id, conversation.id)).returning();
    Object.assign(conversation, updated);
    await emitConversationEvents(tx, conversation, ["conversation.updated"]);
    return conversation.customAttributes;
  });
}
