import type { VisitorMeta } from "./widget-messages";

/** What a widget request tells about the visitor's browser, for the conversation's additional_attributes. */
export function visitorMeta(req: Request, beforeNewConversation?: () => Promise<void>): VisitorMeta {
  return {
    referer: null,
    browserLanguage: req.headers.get("accept-language")?.split(",")[0]?.trim() || null,
    userAgent: req.headers.get("user-agent"),
    beforeNewConversation,
  };
}
