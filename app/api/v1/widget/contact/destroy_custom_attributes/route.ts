// POST /api/v1/widget/contact/destroy_custom_attributes – $chatwoot.deleteCustomAttribute: removes custom attributes from the visitor's contact (SD3); the summary
import { withWidget } from "@/lib/http/with-widget";
import { presentContactSummary } from "@/lib/widget/widget-contact";
import { deleteWidgetContactAttributes, destroyContactAttributesBodySchema } from "@/lib/widget/widget-sdk-actions";

export const POST = withWidget(
  async ({ db, session, body }) => {
    await deleteWidgetContactAttributes(db, session.contact, body.custom_attributes);
    return Response.json(presentContactSummary(session.contact));
  },
  { body: destroyContactAttributesBodySchema, limit: "contact" },
);
