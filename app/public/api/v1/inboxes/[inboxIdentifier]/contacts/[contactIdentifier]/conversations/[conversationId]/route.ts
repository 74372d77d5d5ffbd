// GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id} – one of the contact's conversations
import { getConversationByContactInboxOrThrow } from "@/lib/conversations/contact-conversations";
import { conversationParams, withPublicContact, publicPreflight } from "@/lib/http/with-public-inbox";
import { loadPublicConversation } from "@/lib/presenters/public-conversation";

export const GET = withPublicContact(
  async ({ db, contactInbox, params }) => Response.json(await loadPublicConversation(db, await getConversationByContactInboxOrThrow(db, { contactInbox, displayId: params.conversationId }))),
  { params: conversationParams },
);

export const OPTIONS = publicPreflight;
