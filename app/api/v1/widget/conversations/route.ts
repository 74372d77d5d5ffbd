// GET|POST /api/v1/widget/conversations – the visitor's current conversation; start one with a first message (the pre-chat form), reusing the current one while it takes messages
import { withWidget } from "@/lib/http/with-widget";
import { widgetAttachmentUrl } from "@/lib/presenters/attachment-push";
import { epoch } from "@/lib/presenters/time";
import { findCurrentConversation } from "@/lib/widget/current-conversation";
import { startConversationSchema, startWidgetConversation } from "@/lib/widget/widget-messages";
import { visitorMeta } from "@/lib/widget/visitor-meta";

export const GET = withWidget(async ({ db, inbox, session }) => {
  const c = await findCurrentConversation(db, { inbox, contactInbox: session.contactInbox });
  // Parley adds agent_last_seen_at (as the Client API's conversation has it) for the widget's read marks.
  return Response.json(c ? { id: c.displayId, inbox_id: c.inboxId, contact_last_seen_at: epoch(c.contactLastSeenAt), status: c.status, agent_last_seen_at: epoch(c.agentLastSeenAt) } : {});
});

export const POST = withWidget(
  async ({ req, db, inbox, widget, session, body, countLimit }) =>
    Response.json(
      await startWidgetConversation(db, {
        inbox,
        contact: session.contact,
        contactInbox: session.contactInbox,
        body,
        meta: visitorMeta(req, () => countLimit("conversation")),
        // Earlier messages of a reused conversation may carry files: the widget's own download route.
        attachmentUrl: widgetAttachmentUrl(widget.websiteToken),
      }),
    ),
  { body: startConversationSchema, limit: "message" },
);
