// GET /api/v1/accounts/{account_id}/contacts/{id}/contactable_inboxes – the inboxes the caller may see where a conversation with this contact can start, each with its source_id
import { listContactableInboxes } from "@/lib/contacts/contactable-inboxes";
import { contactParams } from "@/lib/http/app-params";
import { requestOrigin } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentAppInbox } from "@/lib/presenters/app-inbox";

export const GET = withAccount(
  async ({ db, req, account, user, membership, params }) => {
    const list = await listContactableInboxes(db, { accountId: account.id, contactId: params.contactId, viewer: { id: user.id, role: membership.role } });
    const opts = { isAdministrator: membership.role === "administrator", origin: requestOrigin(req) };
    // Chatwoot's contactable_inboxes.json.jbuilder: the inbox partial, then source_id.
    return Response.json({ payload: list.map((c) => ({ inbox: presentAppInbox(c.inbox, opts), source_id: c.sourceId })) });
  },
  { params: contactParams },
);
