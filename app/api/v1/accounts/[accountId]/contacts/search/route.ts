// GET /api/v1/accounts/{account_id}/contacts/search?q= – contacts whose name, email, phone, identifier or company contains q
import { contactSearchQuerySchema, listContacts } from "@/lib/contacts/list-contacts";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAppContacts } from "@/lib/presenters/app-contact";

export const GET = withAccount(
  async ({ db, account, user, membership, query }) => {
    const { count, contacts } = await listContacts(db, { accountId: account.id, q: query.q, sort: query.sort, page: Number(query.page ?? 1) });
    const payload = await loadAppContacts(db, contacts, { viewer: { id: user.id, role: membership.role }, withContactInboxes: query.include_contact_inboxes !== "false" });
    return Response.json({ meta: { count, current_page: query.page ?? 1 }, payload });
  },
  { params: accountParams, query: contactSearchQuerySchema },
);
