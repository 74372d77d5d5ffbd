import { randomUUID } from "node:crypto";
import { and, desc, eq, exists } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contactInboxes, contacts, conversations, inboxes, inboxMembers, type Conversation, type Role } from "@/db/schema";
import { secureToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { attributes as attributesSchema, recordId as id } from "@/lib/validation";
import { createAppMessage, appMessageInputSchema } from "@/lib/messages/create-app-message";
import { uniqueViolation } from "@/lib/pg-errors";
import { parseInput } from "@/lib/validation";
import { assignConversation } from "./assign-conversation";
import { createConversation } from "./create-conversation";

const attributes = attributesSchema();

/** Chatwoot's POST /conversations body. `snoozed` at creation is not supported (422). */
export const appConversationCreateSchema = z
  .object({
    source_id: z.string().trim().min(1).max(255, "is too long (maximum is 255 characters)").optional(),
    inbox_id: id.optional(),
    contact_id: id.optional(),
    additional_attributes: attributes.optional(),
    custom_attributes: attributes.optional(),
    status: z.enum(["open", "pending", "resolved"]).optional(),
    assignee_id: id.nullable().optional(),
    team_id: z.unknown().optional(),
    message: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((b, ctx) => {
    if (!b.source_id && (b.inbox_id === undefined || b.contact_id === undefined)) {
      ctx.addIssue({ code: "custom", path: ["source_id"], message: "can't be blank unless inbox_id and contact_id are given" });
    }
  });
export type AppConversationCreateInput = z.output<typeof appConversationCreateSchema>;

type Caller = { id: number; role: Role };

/**
 * POST /conversations (Chatwoot's ConversationBuilder): with inbox_id + contact_id the contact_inbox
 * is found or created (source_id optional, a UUID otherwise); else the contact_inbox is looked up by
 * source_id in the caller's inboxes. A locked-to-single-conversation inbox returns the latest one.
 * Optional assignee (an inbox member) and initial message (sent by the caller). Inputs
 * are all validated before the first write, so a refused request writes nothing.
 */
export async function createAppConversation(db: Db, { accountId, user, input }: { accountId: number; user: Caller; input: AppConversationCreateInput }): Promise<Conversation> {
  const message = input.message === undefined ? undefined : parseInput(appMessageInputSchema, input.message);
  if (message?.message_type === "incoming") throw AppError.validation({ "message.message_type": ["is not allowed when creating a conversation"] });
  const ci = await resolveContactInbox(db, { accountId, user, input });
  if (input.assignee_id != null) {
    const [member] = await db
      .select({ id: inboxMembers.id })
      .from(inboxMembers)
      .where(and(eq(inboxMembers.inboxId, ci.inboxId), eq(inboxMembers.userId, input.assignee_id)));
    if (!member) throw AppError.validation({ assignee_id: ["is not a member of this inbox"] });
  }
  if (ci.lockToSingle) {
    const [latest] = await db.select().from(conversations).where(eq(conversations.contactInboxId, ci.id)).orderBy(desc(conversations.createdAt), desc(conversations.id)).limit(1);
    if (latest) return latest;
  }
  const conversation = await createConversation(db, {
    accountId,
    inboxId: ci.inboxId,
    contactId: ci.contactId,
    contactInboxId: ci.id,
    input: { status: input.status, additional_attributes: input.additional_attributes ?? {}, custom_attributes: input.custom_attributes ?? {} },
  });
  // The caller names the assignee of a conversation nobody held a moment ago: it overrides whatever
  // auto-assignment chose after commit, so this cannot become a 409 after the conversation exists.
  if (input.assignee_id !== undefined) {
    await assignConversation(db, { accountId, conversationId: conversation.id, assigneeId: input.assignee_id, actor: { type: "user", id: user.id, role: user.role }, mode: "reassign" });
  }
  if (message) await createAppMessage(db, { conversation, userId: user.id, input: message });
  const [current] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
  return current!;
}

type ResolvedContactInbox = { id: number; inboxId: number; contactId: number; lockToSingle: boolean };

async function resolveContactInbox(db: Db, { accountId, user, input }: { accountId: number; user: Caller; input: AppConversationCreateInput }): Promise<ResolvedContactInbox> {
  // Agents reach only their inboxes; anything else does not exist for them (SPEC §8).
  const reachable =
    user.role === "administrator"
      ? undefined
      : exists(
          db
            .select({ one: inboxMembers.id })
            .from(inboxMembers)
            .where(and(eq(inboxMembers.inboxId, inboxes.id), eq(inboxMembers.userId, user.id))),
        );
  if (input.inbox_id !== undefined && input.contact_id !== undefined) {
    const [inbox] = await db
      .select({ id: inboxes.id, lockToSingle: inboxes.lockToSingleConversation })
      .from(inboxes)
      .where(and(eq(inboxes.id, input.inbox_id), eq(inboxes.accountId, accountId), reachable));
    const [contact] = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, input.contact_id), eq(contacts.accountId, accountId)));
    if (!inbox || !contact) throw AppError.notFound();
    const bySource = input.source_id ? eq(contactInboxes.sourceId, input.source_id) : undefined;
    const [existing] = await db
      .select()
      .from(contactInboxes)
      .where(and(eq(contactInboxes.inboxId, inbox.id), eq(contactInboxes.contactId, contact.id), bySource))
      .orderBy(contactInboxes.id)
      .limit(1);
    if (existing) return { id: existing.id, inboxId: inbox.id, contactId: contact.id, lockToSingle: inbox.lockToSingle };
    try {
      const created = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(contactInboxes)
          .values({ accountId, contactId: contact.id, inboxId: inbox.id, sourceId: input.source_id ?? randomUUID(), pubsubToken: secureToken() })
          .returning();
        return row!;
      });
      return { id: created.id, inboxId: inbox.id, contactId: contact.id, lockToSingle: inbox.lockToSingle };
    } catch (err) {
      if (uniqueViolation(err) === "contact_inboxes_inbox_source_key") throw AppError.validation({ source_id: ["should be unique"] });
      throw err;
    }
  }
  const [row] = await db
    .select({ id: contactInboxes.id, inboxId: contactInboxes.inboxId, contactId: contactInboxes.contactId, lockToSingle: inboxes.lockToSingleConversation })
    .from(contactInboxes)
    .innerJoin(inboxes, eq(inboxes.id, contactInboxes.inboxId))
    .where(and(eq(contactInboxes.sourceId, input.source_id!), eq(inboxes.accountId, accountId), input.inbox_id === undefined ? undefined : eq(inboxes.id, input.inbox_id), reachable))
    .orderBy(contactInboxes.id)
    .limit(1);
  if (!row) throw AppError.notFound();
  return row;
}
