// POST /api/v1/widget/labels – $chatwoot.setLabel: adds a label the account has to the visitor's current conversation (SD3); 204, nothing without one
import { withWidget } from "@/lib/http/with-widget";
import { changeWidgetLabel, widgetLabelBodySchema } from "@/lib/widget/widget-sdk-actions";

export const POST = withWidget(
  async ({ db, inbox, session, body }) => {
    await changeWidgetLabel(db, { inbox, contactInbox: session.contactInbox, contact: session.contact }, body.label, true);
    return new Response(null, { status: 204 });
  },
  { body: widgetLabelBodySchema, limit: "contact" },
);
