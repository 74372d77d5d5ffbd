// PATCH|PUT /api/v1/widget/messages/{id} – the visitor answers an interactive message: the email-collect form sets their email (AM3), others store submitted_values
import { withWidget } from "@/lib/http/with-widget";
import { answerWidgetMessage, answerWidgetMessageSchema } from "@/lib/widget/answer-message";
import { messageParams } from "@/lib/widget/message-params";

const answer = withWidget(
  async ({ db, inbox, session, params, body }) => Response.json(await answerWidgetMessage(db, { inbox, contactInbox: session.contactInbox, messageId: params.messageId, body })),
  { params: messageParams, body: answerWidgetMessageSchema, limit: "contact" },
);
export const PATCH = answer;
export const PUT = answer;
