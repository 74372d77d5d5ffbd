// GET /api/v1/widget/attachments/{id} – download a file of the visitor's own conversations (contact token in X-Auth-Token, never the URL; the widget shows it through a blob: URL); anything else 404
import { z } from "zod";
import { getAttachmentForContactOrThrow } from "@/lib/attachments/find-attachment";
import { serveAttachment } from "@/lib/attachments/serve-attachment";
import { withWidget } from "@/lib/http/with-widget";
import { pathId } from "@/lib/validation";

const params = z.object({ attachmentId: pathId });

export const GET = withWidget(
  async ({ db, session, params }) => serveAttachment(db, await getAttachmentForContactOrThrow(db, { contactInbox: session.contactInbox, attachmentId: params.attachmentId })),
  { params },
);
