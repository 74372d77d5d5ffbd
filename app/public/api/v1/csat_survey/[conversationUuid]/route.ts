// GET|PATCH|PUT /public/api/v1/csat_survey/{conversation_uuid} – the conversation's rating survey; the visitor answers or changes it (14 days)
import { answerPublicSurvey, loadPublicSurvey, surveyAnswerSchema, surveyParams } from "@/lib/csat/public-survey";
import { edge } from "@/lib/http/edge";
import { parseOr404, perIpLimit, readInput } from "@/lib/http/route-input";

export const GET = edge(async (_req, raw, db) => {
  const { conversationUuid } = parseOr404(surveyParams, raw) as { conversationUuid: string };
  return Response.json(await loadPublicSurvey(db, conversationUuid));
});

export const PATCH = edge(async (req, raw, db) => {
  const { conversationUuid } = parseOr404(surveyParams, raw) as { conversationUuid: string };
  // W6: an answer is a contact's change, counted per client IP as the widget's are.
  await perIpLimit(req, "contact");
  const { body } = await readInput(req, raw, { body: surveyAnswerSchema });
  return Response.json(await answerPublicSurvey(db, conversationUuid, body));
});
export const PUT = PATCH;
