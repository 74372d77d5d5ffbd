// POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/update_last_seen – the contact has read the conversation (C6)
import { getConversationByContactInboxOrThrow } from "@/lib/conversations/contact-conversations";
import { updateContactLastSeen } from "@/lib/conversations/last-seen";
import { conversationParams, withPublicContact, publicPreflight } from "@/lib/http/with-public-inbox";

export const POST = withPublicContact(
  async ({ db, contactInbox, params }) => {
    const conversation = await getConversationByContactInboxOrThrow(db, { contactInbox, displayId: params.conversationId });
    await updateContactLastSeen(db, { conversationId: conversation.id, contactId: conversation.contactId });
    return new Response(null, { status: 200 });
  },
  { params: conversationParams },
);

export const OPTIONS = publicPreflight;
