import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contactInboxes, contacts, conversations, inboxes, type Conversation } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { autoAssignAfterCommit } from "@/lib/assignment/after-commit";
import { attributes, parseInput } from "@/lib/validation";
import { emitConversationEvents } from "./emit-conversation-events";

export const createConversationInputSchema = z.object({
  status: z.enum(["open", "pending", "resolved"]).optional(),
  additional_attributes: attributes().default({}),
  custom_attributes: attributes().default({}),
});
export type CreateConversationInput = z.input<typeof createConversationInputSchema>;

/**
 * Creates a conversation (C1): `created_at`, `waiting_since` and `last_activity_at` are one timestamp;
 * a blocked contact's conversation starts resolved, and one in an inbox with an agent bot starts
 * pending (AB3, Chatwoot's `determine_conversation_status`), so it is not auto-assigned. The inbox, contact and contact_inbox must belong to
 * the account. Emits `conversation.created`. display_id comes from the per-account sequence trigger.
 */
export async function createConversation(
  db: Db,
  {
    accountId,
    inboxId,
    contactId,
    contactInboxId,
    input = {},
    now = new Date(),
  }: { accountId: number; inboxId: number; contactId: number; contactInboxId?: number | null; input?: CreateConversationInput; now?: Date },
): Promise<Conversation> {
  const data = parseInput(createConversationInputSchema, input);
  const created = await db.transaction(async (tx) => {
    const [contact] = await tx
      .select({ blocked: contacts.blocked })
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.accountId, accountId)));
    const [inbox] = await tx
      .select({ id: inboxes.id, agentBotId: inboxes.agentBotId })
      .from(inboxes)
      .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)));
    if (!contact || !inbox) throw AppError.notFound();
    if (contactInboxId != null) {
      const [ci] = await tx
        .select({ id: contactInboxes.id })
        .from(contactInboxes)
        .where(and(eq(contactInboxes.id, contactInboxId), eq(contactInboxes.contactId, contactId), eq(contactInboxes.inboxId, inboxId)));
      if (!ci) throw AppError.validation({ contact_inbox_id: ["does not belong to this contact and inbox"] });
    }
    const [conversation] = await tx
      .insert(conversations)
      .values({
        accountId,
        inboxId,
        contactId,
        contactInboxId: contactInboxId ?? null,
        status: contact.blocked ? "resolved" : inbox.agentBotId !== null ? "pending" : (data.status ?? "open"),
        additionalAttributes: data.additional_attributes,
        customAttributes: data.custom_attributes,
        createdAt: now,
        updatedAt: now,
        waitingSince: now,
        lastActivityAt: now,
      })
      .returning();
    await emitConversationEvents(tx, conversation!, ["conversation.created"]);
    return conversation!;
  });
  // A1 after commit, never failing the creation (why: lib/assignment/after-commit.ts).
  return autoAssignAfterCommit(db, created, now);
}
