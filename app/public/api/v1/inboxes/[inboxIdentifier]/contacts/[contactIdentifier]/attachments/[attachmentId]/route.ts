// GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/attachments/{id} – download a file of the contact's own conversations (the source_id is the capability, as in the rest of the Client API); anything else 404
import { z } from "zod";
import { getAttachmentForContactOrThrow } from "@/lib/attachments/find-attachment";
import { serveAttachment } from "@/lib/attachments/serve-attachment";
import { INT4_MAX, publicPreflight, withPublicContact } from "@/lib/http/with-public-inbox";

const params = z.object({
  attachmentId: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .refine((n) => n <= INT4_MAX),
});

export const GET = withPublicContact(async ({ db, contactInbox, params }) => serveAttachment(db, await getAttachmentForContactOrThrow(db, { contactInbox, attachmentId: params.attachmentId })), { params });

export const OPTIONS = publicPreflight;
