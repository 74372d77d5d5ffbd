// POST /api/v1/accounts/{account_id}/actions/contact_merge – fold mergee_contact_id into base_contact_id (one transaction); answers the base contact
import { z } from "zod";
import { mergeContacts } from "@/lib/contacts/merge-contacts-action";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAppContacts } from "@/lib/presenters/app-contact";

const contactId = z.preprocess(
  (v) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : v),
  z.number({ error: "must be a contact id" }).int("must be a contact id").positive("must be a contact id").max(2_147_483_647, "must be a contact id"),
);
const mergeSchema = z.object({ base_contact_id: contactId, mergee_contact_id: contactId });

export const POST = withAccount(
  async ({ db, account, user, membership, body }) => {
    const base = await mergeContacts(db, { accountId: account.id, baseId: body.base_contact_id, mergeeId: body.mergee_contact_id });
    const [payload] = await loadAppContacts(db, [base], { viewer: { id: user.id, role: membership.role } });
    return Response.json(payload);
  },
  { params: accountParams, body: mergeSchema },
);
