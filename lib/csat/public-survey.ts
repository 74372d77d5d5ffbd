import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversations, csatSurveyResponses, inboxes } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { answerCsatSurvey, findCsatMessage } from "./answer-survey";

/** `[conversationUuid]`: a conversation's uuid — the only credential of the public survey (unguessable, v4). */
export const surveyParams = z.object({ conversationUuid: z.uuid() });

/** Chatwoot's public survey update body: `{message: {submitted_values: {csat_survey_response: {…}}}}`. */
export const surveyAnswerSchema = z.object({
  message: z.object({ submitted_values: z.object({ csat_survey_response: z.unknown() }) }),
});

async function findSurvey(db: Db, uuid: string) {
  const [row] = await db
    .select({ conversation: conversations, inboxName: inboxes.name })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(eq(conversations.uuid, uuid));
  if (!row) throw AppError.notFound();
  const message = await findCsatMessage(db, row.conversation.id);
  if (!message) throw AppError.notFound();
  return { ...row, message };
}

/**
 * The survey of a conversation as Chatwoot's public `csat_survey` presents it (`/survey/responses/:uuid`
 * reads it): the rating message, the answer so far (or null) and the inbox's name. No rating message → 404.
 */
export async function loadPublicSurvey(db: Db, uuid: string) {
  const { conversation, inboxName, message } = await findSurvey(db, uuid);
  const [response] = await db
    .select()
    .from(csatSurveyResponses)
    .where(and(eq(csatSurveyResponses.conversationId, conversation.id)));
  return {
    id: message.id,
    csat_survey_response: response ? { id: response.id, rating: response.rating, feedback_message: response.feedbackMessage } : null,
    display_type: "emoji",
    content: message.content,
    inbox_avatar_url: "",
    inbox_name: inboxName,
    locale: "en",
    conversation_id: conversation.displayId,
    created_at: message.createdAt.toISOString(),
  };
}

/** PATCH of the public survey: the same rules as the widget's answer (one response, 14 days). */
export async function answerPublicSurvey(db: Db, uuid: string, body: z.output<typeof surveyAnswerSchema>, now = new Date()) {
  const { conversation, message } = await findSurvey(db, uuid);
  await answerCsatSurvey(db, { conversation, message, input: body.message.submitted_values.csat_survey_response, now });
  return loadPublicSurvey(db, uuid);
}
