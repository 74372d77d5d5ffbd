// GET|POST /api/v1/accounts/{account_id}/labels – the account's labels as {payload} for any member; create one (administrators)
import { createLabel, labelSchema, listLabels, presentLabel } from "@/lib/labels/labels";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ db, account }) => Response.json({ payload: (await listLabels(db, { accountId: account.id })).map(presentLabel) }));

export const POST = withAccount(async ({ db, account, body }) => Response.json(presentLabel(await createLabel(db, { accountId: account.id, input: body }))), {
  body: labelSchema,
  role: "administrator",
});
