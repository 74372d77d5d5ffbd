// POST /api/v1/widget/config – the widget's configuration and the visitor's session (a new anonymous contact when the token is absent or invalid), with a fresh X-Auth-Token (W3)
import { withWidget } from "@/lib/http/with-widget";
import { openWidgetSession, presentWidgetConfig } from "@/lib/widget/widget-config";

export const POST = withWidget(
  async ({ db, inbox, widget, session, countLimit }) => {
    const opened = await openWidgetSession(db, { inbox, session, beforeCreate: () => countLimit("contact") });
    return Response.json(await presentWidgetConfig(db, { inbox, widget, session: opened }));
  },
  { contact: false },
);
