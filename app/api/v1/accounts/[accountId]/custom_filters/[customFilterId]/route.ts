// GET|PATCH|PUT|DELETE /api/v1/accounts/{account_id}/custom_filters/{id} – show, edit or delete one of the caller's saved filters
import { customFilterUpdateSchema, deleteCustomFilter, getCustomFilter, presentCustomFilter, updateCustomFilter } from "@/lib/custom-filters/custom-filters";
import { headOk } from "@/lib/http/app-params";
import { customFilterParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(
  async ({ db, account, user, params }) => Response.json(presentCustomFilter(await getCustomFilter(db, { accountId: account.id, userId: user.id, id: params.customFilterId }))),
  {
    params: customFilterParams,
  },
);

export const PATCH = withAccount(
  async ({ db, account, user, params, body }) => Response.json(presentCustomFilter(await updateCustomFilter(db, { accountId: account.id, userId: user.id, id: params.customFilterId, input: body }))),
  { params: customFilterParams, body: customFilterUpdateSchema },
);
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, user, params }) => {
    await deleteCustomFilter(db, { accountId: account.id, userId: user.id, id: params.customFilterId });
    return headOk();
  },
  { params: customFilterParams },
);
