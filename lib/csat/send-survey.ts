import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inboxes, messages, type Conversation } from "@/db/schema";
import { accountLocale } from "@/lib/i18n/stored-locales";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { insertMessage } from "@/lib/messages/insert-message";

/** Chatwoot's `conversations.templates.csat_input_message_body`, in the account's language (written as Parley writes activity lines). */
export const csatSurveyContent = (locale: Locale) => translator(locale)("server.csat.surveyMessage");

/**
 * CSAT: when a conversation of an inbox with `csat_survey_enabled` is resolved, the visitor gets one
 * rating message (`template`, `input_csat`, as Chatwoot's CsatSurvey template), once per conversation —
 * a reopened and resolved-again conversation is not asked twice (one response per conversation).
 * Runs in the resolving transaction, under the conversation's row lock, so racing resolves send one.
 */
export async function sendCsatSurveyIfDue(tx: Db, conversation: Conversation, now: Date): Promise<void> {
  const [inbox] = await tx.select({ enabled: inboxes.csatSurveyEnabled }).from(inboxes).where(eq(inboxes.id, conversation.inboxId));
  if (!inbox?.enabled) return;
  const [sent] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversation.id), eq(messages.contentType, "input_csat")))
    .limit(1);
  if (sent) return;
  const content = csatSurveyContent(await accountLocale(tx, conversation.accountId));
  await insertMessage(tx, conversation, { messageType: "template", contentType: "input_csat", content, createdAt: now });
}
