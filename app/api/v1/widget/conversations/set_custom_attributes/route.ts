// POST /api/v1/widget/conversations/set_custom_attributes – $chatwoot.setConversationCustomAttributes on the visitor's current conversation (SD3); 200 empty
import { withWidget } from "@/lib/http/with-widget";
import { changeWidgetConversationAttributes, conversationAttributesBodySchema } from "@/lib/widget/widget-sdk-actions";

export const POST = withWidget(
  async ({ db, inbox, session, body }) => {
    await changeWidgetConversationAttributes(db, { inbox, contactInbox: session.contactInbox, contact: session.contact }, { set: body.custom_attributes });
    return new Response(null, { status: 200 });
  },
  { body: conversationAttributesBodySchema, limit: "contact" },
);
