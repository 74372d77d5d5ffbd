// POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/toggle_status – the contact resolves the conversation (C2)
import { getConversationByContactInboxOrThrow } from "@/lib/conversations/contact-conversations";
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { conversationParams, withPublicContact, publicPreflight } from "@/lib/http/with-public-inbox";
import { loadPublicConversation } from "@/lib/presenters/public-conversation";

// A contact can only end a conversation, never reopen one (Chatwoot); resolving twice is a no-op.
export const POST = withPublicContact(
  async ({ db, contact, contactInbox, params }) => {
    const found = await getConversationByContactInboxOrThrow(db, { contactInbox, displayId: params.conversationId });
    const conversation = await toggleConversationStatus(db, { conversationId: found.id, input: { status: "resolved" }, actor: { type: "contact", id: contact.id } });
    return Response.json(await loadPublicConversation(db, conversation));
  },
  { params: conversationParams },
);

export const OPTIONS = publicPreflight;
