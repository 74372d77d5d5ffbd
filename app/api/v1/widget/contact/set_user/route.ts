// PATCH /api/v1/widget/contact/set_user – identify the visitor (HMAC when sent or mandatory, W3); a different identity answers a new widget_auth_token
import { withWidget } from "@/lib/http/with-widget";
import { presentContactSummary, setWidgetUser, widgetContactBodySchema } from "@/lib/widget/widget-contact";

export const PATCH = withWidget(
  async ({ db, inbox, widget, session, body }) => {
    const result = await setWidgetUser(db, { inbox, widget, contact: session.contact, contactInbox: session.contactInbox, body });
    return Response.json({ ...presentContactSummary(result.contact), ...(result.widgetAuthToken && { widget_auth_token: result.widgetAuthToken }) });
  },
  { body: widgetContactBodySchema, limit: "contact" },
);
