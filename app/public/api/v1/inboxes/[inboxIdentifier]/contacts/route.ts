// POST /public/api/v1/inboxes/{inbox_identifier}/contacts – find or create the contact of a source_id (HMAC identity, K1, K2)
import { createPublicContact, publicContactBodySchema } from "@/lib/contacts/public-contact-session";
import { withPublicInbox, publicPreflight } from "@/lib/http/with-public-inbox";
import { presentPublicContactSession } from "@/lib/presenters/public-contact";

export const POST = withPublicInbox(
  async ({ db, inbox, widget, body }) => {
    const { contact, contactInbox } = await createPublicContact(db, { inbox, widget, body });
    return Response.json(presentPublicContactSession(contact, contactInbox));
  },
  // W6: every contact change counts against the caller's IP.
  { body: publicContactBodySchema, limit: "contact" },
);

export const OPTIONS = publicPreflight;
