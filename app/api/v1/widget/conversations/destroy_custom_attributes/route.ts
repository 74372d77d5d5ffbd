// POST /api/v1/widget/conversations/destroy_custom_attributes – $chatwoot.deleteConversationCustomAttribute on the current conversation (SD3); 200 empty
import { withWidget } from "@/lib/http/with-widget";
import { changeWidgetConversationAttributes, destroyConversationAttributesBodySchema } from "@/lib/widget/widget-sdk-actions";

export const POST = withWidget(
  async ({ db, inbox, session, body }) => {
    await changeWidgetConversationAttributes(db, { inbox, contactInbox: session.contactInbox, contact: session.contact }, { remove: body.custom_attribute });
    return new Response(null, { status: 200 });
  },
  { body: destroyConversationAttributesBodySchema, limit: "contact" },
);
