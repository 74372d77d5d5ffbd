// GET|POST /api/v1/accounts/{account_id}/contacts – the account's contacts (15 per page, sortable); create one, optionally in an inbox (K1, K2)
import { appContactCreateSchema, createAppContact } from "@/lib/contacts/create-app-contact";
import { explainTaken } from "@/lib/contacts/taken-by";
import { assertCustomAttributeValues } from "@/lib/custom-attributes/validate-values";
import { contactListQuerySchema, listContacts } from "@/lib/contacts/list-contacts";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAppContacts } from "@/lib/presenters/app-contact";
import { presentRawInbox } from "@/lib/presenters/raw-inbox";

export const GET = withAccount(
  async ({ db, account, user, membership, query }) => {
    const { count, contacts } = await listContacts(db, { accountId: account.id, sort: query.sort, page: Number(query.page ?? 1) });
    const payload = await loadAppContacts(db, contacts, { viewer: { id: user.id, role: membership.role }, withContactInboxes: query.include_contact_inboxes !== "false" });
    return Response.json({ meta: { count, current_page: query.page ?? 1 }, payload });
  },
  { params: accountParams, query: contactListQuerySchema },
);

export const POST = withAccount(
  async ({ db, account, user, membership, body }) => {
    await assertCustomAttributeValues(db, { accountId: account.id, model: "contact_attribute", values: body.custom_attributes });
    const { contact, contactInbox, inbox } = await createAppContact(db, { accountId: account.id, input: body, viewer: { id: user.id, role: membership.role } }).catch(async (err: unknown) => {
      throw await explainTaken(db, { accountId: account.id, selfId: null, input: body, err });
    });
    const [presented] = await loadAppContacts(db, [contact], { viewer: { id: user.id, role: membership.role } });
    return Response.json({ payload: { contact: presented, contact_inbox: { inbox: inbox && presentRawInbox(inbox), source_id: contactInbox?.sourceId ?? null } } });
  },
  { params: accountParams, body: appContactCreateSchema },
);
