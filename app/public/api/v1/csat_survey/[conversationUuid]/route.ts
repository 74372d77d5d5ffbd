// GET|PATCH|PUT /public/api/v1/csat_survey/{conversation_uuid} – the conversation's rating survey; the visitor answers or changes it (14 days)
import { answerPublicSurvey, loadPublicSurvey, surveyAnswerSchema, surveyParams } from "@/lib/csat/public-survey";
import { clientIp } from "@/lib/http/client-ip";
import { readJsonBody } from "@/lib/http/body";
import { edge } from "@/lib/http/edge";
import { parseOr404, parseOr422 } from "@/lib/http/route-input";
import { coordination } from "@/lib/redis";
import { assertWithinPublicLimit } from "@/lib/throttle/public-limits";

export const GET = edge(async (_req, raw, db) => {
  const { conversationUuid } = parseOr404(surveyParams, raw) as { conversationUuid: string };
  return Response.json(await loadPublicSurvey(db, conversationUuid));
});

export const PATCH = edge(async (req, raw, db) => {
  const { conversationUuid } = parseOr404(surveyParams, raw) as { conversationUuid: string };
  // W6: an answer is a contact's change, counted per client IP as the widget's are.
  await assertWithinPublicLimit(coordination(), { action: "contact", ip: clientIp(req.headers) });
  const body = parseOr422(surveyAnswerSchema, (await readJsonBody(req)) ?? {}) as Parameters<typeof answerPublicSurvey>[2];
  return Response.json(await answerPublicSurvey(db, conversationUuid, body));
});
export const PUT = PATCH;
