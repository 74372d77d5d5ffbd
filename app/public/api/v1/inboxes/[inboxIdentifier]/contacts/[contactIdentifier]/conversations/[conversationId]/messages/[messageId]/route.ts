// PATCH|PUT /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages/{message_id} – answer an interactive message (submitted_values)
import { getConversationByContactInboxOrThrow } from "@/lib/conversations/contact-conversations";
import { messageParams, withPublicContact, publicPreflight } from "@/lib/http/with-public-inbox";
import { submitMessageValues, submitValuesBodySchema } from "@/lib/messages/submit-message-values";
import { loadPublicMessage } from "@/lib/presenters/public-message";

export const PATCH = withPublicContact(
  async ({ db, contactInbox, params, body }) => {
    const conversation = await getConversationByContactInboxOrThrow(db, { contactInbox, displayId: params.conversationId });
    const message = await submitMessageValues(db, { conversation, messageId: params.messageId, body });
    return Response.json(await loadPublicMessage(db, message));
  },
  // W6: an answer can set the contact's email, so it counts as a contact change (as the widget's).
  { params: messageParams, body: submitValuesBodySchema, limit: "contact" },
);
export const PUT = PATCH;

export const OPTIONS = publicPreflight;
