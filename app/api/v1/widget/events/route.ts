// POST /api/v1/widget/events – the widget reports an event; `webwidget.triggered` (the visitor opened it) goes to webhooks and the inbox's agent bot (WH6, AB3)
import { z } from "zod";
import { withWidget } from "@/lib/http/with-widget";
import { attributes } from "@/lib/validation";
import { queueWebwidgetTriggered } from "@/lib/webhooks/webwidget-triggered";
import { findCurrentConversation } from "@/lib/widget/current-conversation";

// Chatwoot's body: {name: "webwidget.triggered", event_info: {initiated_at, referer_url, widget_language, browser_language, …}}.
const eventSchema = z.object({
  name: z.string("can't be blank").max(64, "is too long (maximum is 64 characters)"),
  event_info: attributes().optional(),
});

export const POST = withWidget(
  async ({ db, inbox, session, body }) => {
    // Other names are accepted and dropped, as Chatwoot dispatches only the events it knows.
    if (body.name === "webwidget.triggered") {
      const conversation = await findCurrentConversation(db, { inbox, contactInbox: session.contactInbox });
      await queueWebwidgetTriggered(db, { inbox, contact: session.contact, contactInbox: session.contactInbox, conversation, eventInfo: body.event_info ?? {} });
    }
    return new Response(null, { status: 204 });
  },
  { body: eventSchema, limit: "message" },
);
