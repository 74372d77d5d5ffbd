// GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/attachments/{id} – download a file of the contact's own conversations (the source_id is the capability, as in the rest of the Client API); anything else 404
import { z } from "zod";
import { getAttachmentForContactOrThrow } from "@/lib/attachments/find-attachment";
import { serveAttachment } from "@/lib/attachments/serve-attachment";
import { publicPreflight, withPublicContact } from "@/lib/http/with-public-inbox";
import { pathId } from "@/lib/validation";

const params = z.object({ attachmentId: pathId });

export const GET = withPublicContact(async ({ db, contactInbox, params }) => serveAttachment(db, await getAttachmentForContactOrThrow(db, { contactInbox, attachmentId: params.attachmentId })), {
  params,
});

export const OPTIONS = publicPreflight;
