// POST /api/v1/accounts/{account_id}/contacts/filter?page= – contacts matching Chatwoot's filter payload, 15 a page
import { contactFilterQuerySchema, contactFilterSchema, filterContacts } from "@/lib/contacts/filter-contacts";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAppContacts } from "@/lib/presenters/app-contact";

export const POST = withAccount(
  async ({ db, account, user, membership, body, query }) => {
    const { count, contacts } = await filterContacts(db, { accountId: account.id, conditions: body.payload, page: Number(query.page ?? 1) });
    return Response.json({ meta: { count, current_page: query.page ?? 1 }, payload: await loadAppContacts(db, contacts, { viewer: { id: user.id, role: membership.role } }) });
  },
  { params: accountParams, body: contactFilterSchema, query: contactFilterQuerySchema },
);
