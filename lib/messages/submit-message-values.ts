import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { messages, type ContentType, type Conversation, type Message } from "@/db/schema";
import { updateContact } from "@/lib/contacts/save-contact";
import { answerCsatSurvey } from "@/lib/csat/answer-survey";
import { AppError } from "@/lib/errors";
import { loadMessagePush } from "@/lib/presenters/message-push";
import { appendMessageUpdated } from "@/lib/messages/append-message-updated";
import { jsonWithoutNul, NUL_MESSAGE } from "@/lib/validation";

const submittedValue = z.object({
  name: z.string().max(255, "is too long (maximum is 255 characters)").optional(),
  title: z.string().max(1000, "is too long (maximum is 1000 characters)").nullish(),
  value: z.unknown(),
});

/**
 * Client API messages update (chatwoot-api.md §A A12): the answers to an interactive message —
 * `[{name, title, value}]`, or Chatwoot's CSAT shape `{csat_survey_response: {rating, feedback_message}}`
 * for a rating message (lib/csat/answer-survey.ts).
 */
export const submitValuesBodySchema = z.object({
  submitted_values: z
    .union([z.array(submittedValue).min(1, "can't be blank").max(100, "is too long (maximum is 100 values)"), z.object({ csat_survey_response: z.unknown() })], {
      error: "must be a list of {name, title, value} or {csat_survey_response}",
    })
    .refine(jsonWithoutNul, NUL_MESSAGE),
});
export type SubmitValuesBody = z.output<typeof submitValuesBodySchema>;

/** Content types that ask the contact something (Chatwoot's interactive messages). */
const INTERACTIVE: ReadonlySet<ContentType> = new Set(["input_text", "input_textarea", "input_email", "input_select", "form", "cards"]);

/**
 * Stores a contact's answers on a message of their conversation (`content_attributes.submitted_values`)
 * and emits `message.updated`. An `input_email` answer also becomes the contact's email (K1: invalid
 * or taken is a 422 and nothing is written). Private notes and activity messages do not exist for the
 * contact (M5): 404. A rating message takes only a CSAT answer, which answerCsatSurvey stores.
 */
export async function submitMessageValues(
  db: Db,
  { conversation, messageId, body, now = new Date() }: { conversation: Conversation; messageId: number; body: SubmitValuesBody; now?: Date },
): Promise<Message> {
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversation.id), eq(messages.private, false), ne(messages.messageType, "activity")));
  if (!message) throw AppError.notFound();
  const values = body.submitted_values;
  if (message.contentType === "input_csat" || !Array.isArray(values)) {
    if (Array.isArray(values)) throw AppError.validation({ submitted_values: ["must be {csat_survey_response: {rating, feedback_message}} for a rating message"] });
    return (await answerCsatSurvey(db, { conversation, message, input: values.csat_survey_response, now })).message;
  }
  if (!INTERACTIVE.has(message.contentType)) {
    throw AppError.validation({ submitted_values: [`cannot be submitted for a ${message.contentType} message`] });
  }
  const email = message.contentType === "input_email" ? submittedEmail(values) : undefined;

  return db.transaction(async (tx) => {
    if (email !== undefined) await updateContact(tx, { accountId: conversation.accountId, contactId: conversation.contactId, input: { email }, mode: "strict" });
    const previous = message.contentAttributes;
    const contentAttributes = { ...previous, submitted_values: values, ...(email !== undefined && { submitted_email: email }) };
    const [updated] = await tx.update(messages).set({ contentAttributes, updatedAt: now }).where(eq(messages.id, message.id)).returning();
    await appendMessageUpdated(tx, conversation, await loadMessagePush(tx, updated!), { content_attributes: [previous, contentAttributes] });
    return updated!;
  });
}

/** The email an input_email message was answered with: the value named "email", else the first. */
function submittedEmail(values: z.output<typeof submittedValue>[]): string {
  const item = values.find((v) => v.name === "email") ?? values[0]!;
  if (typeof item.value !== "string" || item.value.trim() === "") throw AppError.validation({ email: ["is invalid"] });
  return item.value;
}
