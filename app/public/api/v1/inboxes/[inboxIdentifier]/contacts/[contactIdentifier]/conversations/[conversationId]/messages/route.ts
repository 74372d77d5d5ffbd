// GET|POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages – the contact's view of the messages (M5, M8); send one as JSON or multipart with attachments[] files when the inbox allows attachments (M1, M2, M6)
import { z } from "zod";
import { getConversationByContactInboxOrThrow } from "@/lib/conversations/contact-conversations";
import { conversationParams, publicPreflight, withPublicContact } from "@/lib/http/with-public-inbox";
import { postClientApiMessage } from "@/lib/messages/client-api-message";
import { listMessagesByConversation } from "@/lib/messages/list-messages";
import { loadPublicMessages } from "@/lib/presenters/public-message";
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
  async ({ db, widget, contact, contactInbox, reload, params, body, files }) =>
    Response.json(await postClientApiMessage(db, { widget, contact, contactInbox }, reload, { displayId: params.conversationId, content: body.content, echoId: body.echo_id, files })),
  // W6: every message counts against the caller's IP, on top of M2. E8: the look-up from the instance's
  // cache — the write checks the contact and contact_inbox against the rows (lib/messages/client-api-message.ts).
  { params: conversationParams, body: createBody, files: true, limit: "message", cached: true },
);

export const OPTIONS = publicPreflight;
