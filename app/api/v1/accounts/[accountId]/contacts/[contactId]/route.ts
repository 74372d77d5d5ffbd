// GET|PUT|PATCH /api/v1/accounts/{account_id}/contacts/{id} – one contact with its contact_inboxes; update it (attributes merge, K1, K2)
import { contactInputSchema } from "@/lib/contacts/contact-input";
import { getContactOrThrow } from "@/lib/contacts/get-contact";
import { updateContact } from "@/lib/contacts/save-contact";
import { contactParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAppContacts } from "@/lib/presenters/app-contact";

export const GET = withAccount(
  async ({ db, account, user, membership, params }) => {
    const contact = await getContactOrThrow(db, { accountId: account.id, contactId: params.contactId });
    const [payload] = await loadAppContacts(db, [contact], { viewer: { id: user.id, role: membership.role } });
    return Response.json({ payload });
  },
  { params: contactParams },
);

export const PUT = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    const contact = await updateContact(db, { accountId: account.id, contactId: params.contactId, input: body });
    const [payload] = await loadAppContacts(db, [contact], { viewer: { id: user.id, role: membership.role } });
    return Response.json({ payload });
  },
  { params: contactParams, body: contactInputSchema },
);

export const PATCH = PUT;
