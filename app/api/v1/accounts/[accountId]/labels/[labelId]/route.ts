// GET|PATCH|PUT|DELETE /api/v1/accounts/{account_id}/labels/{id} – show, edit or delete a label (administrators, as Chatwoot)
import { deleteLabel, getLabel, labelUpdateSchema, presentLabel, updateLabel } from "@/lib/labels/labels";
import { headOk } from "@/lib/http/app-params";
import { labelParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ db, account, params }) => Response.json(presentLabel(await getLabel(db, { accountId: account.id, id: params.labelId }))), {
  params: labelParams,
  role: "administrator",
});

export const PATCH = withAccount(async ({ db, account, params, body }) => Response.json(presentLabel(await updateLabel(db, { accountId: account.id, id: params.labelId, input: body }))), {
  params: labelParams,
  body: labelUpdateSchema,
  role: "administrator",
});
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, params }) => {
    await deleteLabel(db, { accountId: account.id, id: params.labelId });
    return headOk();
  },
  { params: labelParams, role: "administrator" },
);
