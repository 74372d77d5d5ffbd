// GET|POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages – the contact's view of the messages (M5, M8); send one as JSON or multipart with attachments[] files when the inbox allows attachments (M1, M2, M6)
import { z } from "zod";
import { assertAttachmentsEnabled } from "@/lib/attachments/attachments-enabled";
import { getConversationByContactInboxOrThrow } from "@/lib/conversations/contact-conversations";
import { conversationParams, publicPreflight, withPublicContact } from "@/lib/http/with-public-inbox";
import { createMessage } from "@/lib/messages/create-message";
import { listMessagesByConversation } from "@/lib/messages/list-messages";
import { clientAttachmentUrl } from "@/lib/presenters/attachment-push";
import { loadPublicMessage, loadPublicMessages, presentPublicMessage } from "@/lib/presenters/public-message";
import { noNul, NUL_MESSAGE, queryMessageId } from "@/lib/validation";

const listQuery = z.object({
  before: queryMessageId.optional(),
});

export const GET = withPublicContact(
  async ({ db, contactInbox, params, query }) => {
    const conversation = await getConversationByContactInboxOrThrow(db, { contactInbox, displayId: params.conversationId });
    const rows = await listMessagesByConversation(db, { conversationId: conversation.id, before: query.before, contactView: true });
    return Response.json(await loadPublicMessages(db, rows));
  },
  { params: conversationParams, query: listQuery },
);

// JSON, or multipart/form-data with `attachments[]` files (lib/attachments). Only content and echo_id are the caller's; type, sender and privacy are fixed (an incoming message).
// Postgres cannot store NUL; refusing it here keeps that a 422 whatever the engine checks.
const createBody = z.object({
  content: z.string().refine(noNul, NUL_MESSAGE).nullish(),
  echo_id: z.string().refine(noNul, NUL_MESSAGE).nullish(),
});

export const POST = withPublicContact(
  async ({ db, widget, contact, contactInbox, params, body, files }) => {
    const conversation = await getConversationByContactInboxOrThrow(db, { contactInbox, displayId: params.conversationId });
    assertAttachmentsEnabled(widget, files);
    const { message, inserted } = await createMessage(db, {
      conversationId: conversation.id,
      accountId: conversation.accountId,
      sender: { type: "contact", id: contact.id },
      senderContact: contact,
      input: { content: body.content, echo_id: body.echo_id },
      files,
    });
    // B2: a message just created is answered from what its transaction built for `message.created`
    // (the same sender and attachment rows); the attachment URLs name this path's contact_inbox, so
    // that shortcut holds only for a conversation of this contact_inbox. A replay (M6) is re-read.
    if (inserted && conversation.contactInboxId === contactInbox.id) {
      return Response.json(
        presentPublicMessage(message, {
          displayId: conversation.displayId,
          sender: inserted.push.sender,
          attachments: inserted.attachments,
          attachmentUrl: clientAttachmentUrl(widget.websiteToken, contactInbox.sourceId),
        }),
      );
    }
    return Response.json(await loadPublicMessage(db, message));
  },
  // W6: every message counts against the caller's IP, on top of M2.
  { params: conversationParams, body: createBody, files: true, limit: "message" },
);

export const OPTIONS = publicPreflight;
