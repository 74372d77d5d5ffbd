// GET|POST /api/v1/widget/messages – the current conversation as the visitor sees it (M5, M8 before/after); send a message (JSON, or multipart with message[attachments][] files when the inbox allows attachments), opening a conversation when none takes it (M1, M2, M6, W6)
import { z } from "zod";
import { assertAttachmentsEnabled } from "@/lib/attachments/attachments-enabled";
import { withWidget } from "@/lib/http/with-widget";
import { listMessagesByConversation } from "@/lib/messages/list-messages";
import { widgetAttachmentUrl } from "@/lib/presenters/attachment-push";
import { loadPublicMessages } from "@/lib/presenters/public-message";
import { epoch } from "@/lib/presenters/time";
import { findCurrentConversation } from "@/lib/widget/current-conversation";
import { visitorMeta } from "@/lib/widget/visitor-meta";
import { queryMessageId } from "@/lib/validation";
import { postVisitorMessage, presentCreatedWidgetMessage, widgetMessageSchema } from "@/lib/widget/widget-messages";

const messageId = queryMessageId.optional();

export const GET = withWidget(
  async ({ db, inbox, widget, session, query }) => {
    const c = await findCurrentConversation(db, { inbox, contactInbox: session.contactInbox });
    if (!c) return Response.json({ payload: [] });
    const rows = await listMessagesByConversation(db, { conversationId: c.id, before: query.before, after: query.after, contactView: true });
    return Response.json({ payload: await loadPublicMessages(db, rows, { attachmentUrl: widgetAttachmentUrl(widget.websiteToken) }), meta: { contact_last_seen_at: epoch(c.contactLastSeenAt) } });
  },
  { query: z.object({ before: messageId, after: messageId }) },
);

export const POST = withWidget(
  async ({ req, db, inbox, widget, session, body, files, countLimit }) => {
    assertAttachmentsEnabled(widget, files);
    const { message } = await postVisitorMessage(db, {
      inbox,
      contact: session.contact,
      contactInbox: session.contactInbox,
      message: body.message,
      files,
      meta: visitorMeta(req, () => countLimit("conversation")),
    });
    return Response.json(await presentCreatedWidgetMessage(db, message, widgetAttachmentUrl(widget.websiteToken)));
  },
  { body: z.object({ message: widgetMessageSchema }), limit: "message", files: true },
);
