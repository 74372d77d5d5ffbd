// DELETE /api/v1/widget/labels/{label} – $chatwoot.removeLabel: removes the label from the visitor's current conversation (SD3); 204, 404 for a label the account lacks
import { withWidget } from "@/lib/http/with-widget";
import { assertAccountLabel, changeWidgetLabel, widgetLabelParams } from "@/lib/widget/widget-sdk-actions";

export const DELETE = withWidget(
  async ({ db, inbox, session, params }) => {
    await assertAccountLabel(db, inbox.accountId, params.label);
    await changeWidgetLabel(db, { inbox, contactInbox: session.contactInbox, contact: session.contact }, params.label, false);
    return new Response(null, { status: 204 });
  },
  { params: widgetLabelParams, limit: "contact" },
);
