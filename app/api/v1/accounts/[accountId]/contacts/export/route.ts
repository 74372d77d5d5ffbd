// POST /api/v1/accounts/{account_id}/contacts/export – a CSV download of the contacts of a filter ({payload}) or of all resolved contacts (administrators)
import { contactExportSchema, exportContacts } from "@/lib/contacts/export-contacts";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const POST = withAccount(
  async ({ db, account, body }) => {
    const csv = await exportContacts(db, { accountId: account.id, conditions: body.payload });
    const date = new Date().toISOString().slice(0, 10);
    return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="contacts-${date}.csv"`, "cache-control": "no-store" } });
  },
  { params: accountParams, body: contactExportSchema, role: "administrator" },
);
