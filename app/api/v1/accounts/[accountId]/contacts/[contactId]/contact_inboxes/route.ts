// POST /api/v1/accounts/{account_id}/contacts/{id}/contact_inboxes – open a contact_inbox for the contact in an inbox the caller may see (inbox_id, source_id optional)
import { contactInboxCreateSchema, createContactInbox } from "@/lib/contacts/contactable-inboxes";
import { contactParams } from "@/lib/http/app-params";
import { requestOrigin } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentAppInbox } from "@/lib/presenters/app-inbox";

export const POST = withAccount(
  async ({ db, req, account, user, membership, params, body }) => {
    const created = await createContactInbox(db, { accountId: account.id, contactId: params.contactId, viewer: { id: user.id, role: membership.role }, input: body });
    // Chatwoot's api/v1/models/_contact_inbox partial: source_id, then the inbox partial.
    return Response.json({ source_id: created.sourceId, inbox: presentAppInbox(created.inbox, { isAdministrator: membership.role === "administrator", origin: requestOrigin(req) }) });
  },
  { params: contactParams, body: contactInboxCreateSchema },
);
