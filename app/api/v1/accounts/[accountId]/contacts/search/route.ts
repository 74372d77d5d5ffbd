// GET /api/v1/accounts/{account_id}/contacts/search?q= – contacts whose name, email, phone, identifier or company contains q
import { z } from "zod";
import { contactListQuerySchema, listContacts } from "@/lib/contacts/list-contacts";
import { hasNoNul, NUL_MESSAGE } from "@/lib/input-limits";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAppContacts } from "@/lib/presenters/app-contact";

// Chatwoot means to refuse a blank q but its early return never fires (it lists nothing, 200); Parley refuses.
const searchQuerySchema = contactListQuerySchema.extend({ q: z.string({ error: "can't be blank" }).trim().min(1, "can't be blank").max(255, "is too long (maximum is 255 characters)").refine(hasNoNul, NUL_MESSAGE) });

export const GET = withAccount(
  async ({ db, account, query }) => {
    const { count, contacts } = await listContacts(db, { accountId: account.id, q: query.q, sort: query.sort, page: Number(query.page ?? 1) });
    const payload = await loadAppContacts(db, contacts, { withContactInboxes: query.include_contact_inboxes !== "false" });
    return Response.json({ meta: { count, current_page: query.page ?? 1 }, payload });
  },
  { params: accountParams, query: searchQuerySchema },
);
