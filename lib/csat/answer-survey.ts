import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { csatSurveyResponses, messages, type Conversation, type CsatSurveyResponse, type Message } from "@/db/schema";
import { lockConversationById } from "@/lib/conversations/lock-conversation";
import { AppError } from "@/lib/errors";
import { loadMessagePush } from "@/lib/presenters/message-push";
import { appendMessageUpdated } from "@/lib/messages/append-message-updated";
import { noNul, NUL_MESSAGE, parseInput } from "@/lib/validation";

/** How long a visitor may change their rating (Chatwoot's 14-day lock). */
export const CSAT_EDIT_WINDOW_MS = 14 * 86_400_000;
export const CSAT_WINDOW_CLOSED = "You cannot update the CSAT survey after 14 days";

export const csatResponseSchema = z.object({
  rating: z.number({ error: "must be a whole number from 1 to 5" }).int("must be a whole number from 1 to 5").min(1, "must be a whole number from 1 to 5").max(5, "must be a whole number from 1 to 5"),
  feedback_message: z.string().max(10_000, "is too long (maximum is 10000 characters)").refine(noNul, NUL_MESSAGE).nullish(),
});
export type CsatResponseInput = z.input<typeof csatResponseSchema>;

/**
 * A visitor's rating of a resolved conversation, answering its `input_csat` message (widget, Client
 * API, survey page): one response per conversation, created the first time and changed afterwards,
 * for 14 days after the survey was sent (then a 422 with Chatwoot's words). The rating is also kept
 * on the message (`content_attributes.submitted_values.csat_survey_response`, where Chatwoot's widget
 * reads it back) and `message.updated` is emitted. The conversation's row lock serialises two answers.
 */
export async function answerCsatSurvey(
  db: Db,
  { conversation, message, input, now = new Date() }: { conversation: Pick<Conversation, "id">; message: Message; input: unknown; now?: Date },
): Promise<{ response: CsatSurveyResponse; message: Message }> {
  if (message.contentType !== "input_csat") throw AppError.validation({ submitted_values: ["can only answer a rating message"] });
  const data = parseInput(csatResponseSchema, input);
  if (now.getTime() - message.createdAt.getTime() > CSAT_EDIT_WINDOW_MS) throw new AppError("validation", CSAT_WINDOW_CLOSED);
  return db.transaction(async (tx) => {
    const locked = await lockConversationById(tx, { conversationId: conversation.id });
    const feedback = data.feedback_message ?? null;
    const [response] = await tx
      .insert(csatSurveyResponses)
      .values({
        accountId: locked.accountId,
        conversationId: locked.id,
        messageId: message.id,
        contactId: locked.contactId,
        assignedAgentId: locked.assigneeId,
        rating: data.rating,
        feedbackMessage: feedback,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: csatSurveyResponses.conversationId,
        set: { rating: data.rating, feedbackMessage: feedback, messageId: message.id, updatedAt: now },
      })
      .returning();
    const previous = message.contentAttributes;
    const contentAttributes = { ...previous, submitted_values: { csat_survey_response: { rating: data.rating, feedback_message: feedback } } };
    const [updated] = await tx.update(messages).set({ contentAttributes, updatedAt: now }).where(eq(messages.id, message.id)).returning();
    await appendMessageUpdated(tx, locked, await loadMessagePush(tx, updated!), { content_attributes: [previous, contentAttributes] });
    return { response: response!, message: updated! };
  });
}

/** The rating message of a conversation (the latest, should there be several), or null. */
export async function findCsatMessage(db: Db, conversationId: number): Promise<Message | null> {
  const [row] = await db
    .select()
    .from(messages)
    .where(sql`${messages.conversationId} = ${conversationId} and ${messages.contentType} = 'input_csat'`)
    .orderBy(sql`${messages.id} desc`)
    .limit(1);
  return row ?? null;
}
