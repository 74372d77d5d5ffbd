import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contacts, conversations, messages, type ContactInbox, type Inbox } from "@/db/schema";
import { contactConversationScope } from "@/lib/conversations/contact-conversations";
import { AppError } from "@/lib/errors";
import { submitMessageValues, submitValuesBodySchema } from "@/lib/messages/submit-message-values";
import { presentRawContact } from "@/lib/presenters/public-contact";
import { text } from "@/lib/validation";

/** §C12: `contact: {email, name?}` for an input_email message, or `message: {submitted_values}`. */
export const answerWidgetMessageSchema = z
  .object({
    contact: z.object({ email: text(255), name: text(255).nullish() }).optional(),
    message: submitValuesBodySchema.optional(),
  })
  .refine((b) => b.contact || b.message, { message: "can't be blank", path: ["message"] });

/**
 * §C12: answers a message of a conversation the visitor reaches (others → 404). An email goes through
 * the email-collect path (K1: invalid or taken → 422, nothing written — Chatwoot answers 500 here).
 * Answers `{contact: RawContact}` as Chatwoot.
 */
export async function answerWidgetMessage(
  db: Db,
  { inbox, contactInbox, messageId, body }: { inbox: Inbox; contactInbox: ContactInbox; messageId: number; body: z.output<typeof answerWidgetMessageSchema> },
) {
  const reachable = db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(contactConversationScope(db, contactInbox), eq(conversations.inboxId, inbox.id)));
  const [row] = await db
    .select({ conversation: conversations })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.id, messageId), inArray(messages.conversationId, reachable)));
  if (!row) throw AppError.notFound();
  const submitted = body.contact ? { submitted_values: [{ name: "email", title: "Email", value: body.contact.email }] } : body.message!;
  await submitMessageValues(db, { conversation: row.conversation, messageId, body: submitted });
  const [contact] = await db.select().from(contacts).where(eq(contacts.id, row.conversation.contactId));
  return { contact: presentRawContact(contact!) };
}
