// POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/toggle_typing – the contact's typing indicator
import { z } from "zod";
import { toggleContactTyping } from "@/lib/conversations/contact-typing";
import { getConversationByContactInboxOrThrow } from "@/lib/conversations/contact-conversations";
import { conversationParams, withPublicContact, publicPreflight } from "@/lib/http/with-public-inbox";

// typing_status comes in the body or the query (Chatwoot reads either); values other than on/off are
// accepted and ignored, as Chatwoot does.
const typing = z.object({ typing_status: z.string().max(16, "is too long (maximum is 16 characters)").optional() });

export const POST = withPublicContact(
  async ({ db, contact, contactInbox, params, body, query }) => {
    const conversation = await getConversationByContactInboxOrThrow(db, { contactInbox, displayId: params.conversationId });
    const status = body.typing_status ?? query.typing_status;
    if (status === "on" || status === "off") await toggleContactTyping(db, { conversation, contactId: contact.id, status });
    return new Response(null, { status: 200 });
  },
  { params: conversationParams, body: typing, query: typing },
);

export const OPTIONS = publicPreflight;
