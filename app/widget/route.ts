// GET /widget?website_token=… – the widget iframe document, framed only by the inbox's allowed domains (W2, W5)
import { edge } from "@/lib/http/edge";
import { widgetPageResponse } from "@/lib/widget/widget-page";

export const dynamic = "force-dynamic";

export const GET = edge(async (req, _params, db) => widgetPageResponse(db, new URL(req.url).searchParams.get("website_token")));
