// GET|PATCH|PUT /api/v1/widget/contact – the visitor's contact summary; update their own name, email, phone and attributes (invalid email/phone discarded, K1)
import { withWidget } from "@/lib/http/with-widget";
import { presentContactSummary, updateWidgetContact, widgetContactBodySchema } from "@/lib/widget/widget-contact";

export const GET = withWidget(async ({ session }) => Response.json({ ...presentContactSummary(session.contact), identifier: session.contact.identifier }));

const update = withWidget(async ({ db, session, body }) => Response.json(presentContactSummary(await updateWidgetContact(db, { contact: session.contact, body }))), {
  body: widgetContactBodySchema,
  limit: "contact",
});
export const PATCH = update;
export const PUT = update;
