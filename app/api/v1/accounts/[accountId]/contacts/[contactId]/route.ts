// GET|PUT|PATCH|DELETE /api/v1/accounts/{account_id}/contacts/{id} – one contact with its contact_inboxes; update it (attributes merge, K1, K2; a taken email/phone/identifier names its holder; custom attributes checked by their definitions); delete it with its conversations (administrators)
import { contactInputSchema } from "@/lib/contacts/contact-input";
import { deleteContact } from "@/lib/contacts/delete-contact";
import { getContactOrThrow } from "@/lib/contacts/get-contact";
import { updateContact } from "@/lib/contacts/save-contact";
import { explainTaken } from "@/lib/contacts/taken-by";
import { assertCustomAttributeValues } from "@/lib/custom-attributes/validate-values";
import { contactParams, headOk } from "@/lib/http/app-params";
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
    await assertCustomAttributeValues(db, { accountId: account.id, model: "contact_attribute", values: body.custom_attributes });
    const contact = await updateContact(db, { accountId: account.id, contactId: params.contactId, input: body }).catch(async (err: unknown) => {
      throw await explainTaken(db, { accountId: account.id, selfId: params.contactId, input: body, err });
    });
    const [payload] = await loadAppContacts(db, [contact], { viewer: { id: user.id, role: membership.role } });
    return Response.json({ payload });
  },
  { params: contactParams, body: contactInputSchema },
);

export const PATCH = PUT;

export const DELETE = withAccount(
  async ({ db, account, params }) => {
    await deleteContact(db, { accountId: account.id, contactId: params.contactId });
    return headOk();
  },
  { params: contactParams, role: "administrator" },
);
