// GET|POST /api/v1/accounts/{account_id}/contacts/{id}/labels – the contact's labels; replace them ({labels: [...]}, K4)
import { contactLabelsInputSchema, setContactLabels } from "@/lib/contacts/contact-labels";
import { getContactOrThrow } from "@/lib/contacts/get-contact";
import { contactParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ db, account, params }) => Response.json({ payload: (await getContactOrThrow(db, { accountId: account.id, contactId: params.contactId })).labels }), {
  params: contactParams,
});

export const POST = withAccount(async ({ db, account, params, body }) => Response.json({ payload: await setContactLabels(db, { accountId: account.id, contactId: params.contactId, input: body }) }), {
  params: contactParams,
  body: contactLabelsInputSchema,
});
