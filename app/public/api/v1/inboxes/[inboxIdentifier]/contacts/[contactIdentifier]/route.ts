// GET|PATCH|PUT /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier} – the contact's session; update the contact (HMAC identity)
import { publicContactBodySchema, publicContactQuerySchema, showPublicContact, updatePublicContact } from "@/lib/contacts/public-contact-session";
import { withPublicContact, publicPreflight } from "@/lib/http/with-public-inbox";
import { presentPublicContactSession, presentRawContact } from "@/lib/presenters/public-contact";

export const GET = withPublicContact(
  async ({ db, widget, contact, contactInbox, query }) => {
    const current = await showPublicContact(db, { widget, contact, contactInbox, query });
    return Response.json(presentPublicContactSession(contact, current));
  },
  { query: publicContactQuerySchema },
);

// Chatwoot answers an update with the raw contact, not the session shape.
export const PATCH = withPublicContact(
  async ({ db, widget, contact, contactInbox, body }) => Response.json(presentRawContact(await updatePublicContact(db, { widget, contact, contactInbox, body }))),
  { body: publicContactBodySchema, limit: "contact" },
);
export const PUT = PATCH;

export const OPTIONS = publicPreflight;
