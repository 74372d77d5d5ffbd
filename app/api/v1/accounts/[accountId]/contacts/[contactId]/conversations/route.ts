// GET /api/v1/accounts/{account_id}/contacts/{id}/conversations – the contact's conversations the caller may see, latest activity first (up to 20; contact panel U1)
import { getContactOrThrow } from "@/lib/contacts/get-contact";
import { listConversations } from "@/lib/conversations/list-conversations";
import { contactParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentAppConversationList } from "@/lib/presenters/app-conversation";

/** Chatwoot answers its latest 20 as well; the panel links to them, it does not page. */
const CONTACT_CONVERSATIONS_LIMIT = 20;

export const GET = withAccount(
  async ({ db, account, user, membership, params }) => {
    const contact = await getContactOrThrow(db, { accountId: account.id, contactId: params.contactId });
    // Agents see only their inboxes' conversations: listConversations puts membership in the query.
    const list = await listConversations(db, {
      accountId: account.id,
      user: { id: user.id, role: membership.role },
      status: "all",
      contactId: contact.id,
      limit: CONTACT_CONVERSATIONS_LIMIT,
    });
    return Response.json({ payload: await presentAppConversationList(db, list.items, { viewerId: user.id }) });
  },
  { params: contactParams },
);
