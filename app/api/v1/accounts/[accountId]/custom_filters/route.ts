// GET|POST /api/v1/accounts/{account_id}/custom_filters?filter_type= – the caller's saved filters (views); save one
import { createCustomFilter, customFilterListQuerySchema, customFilterSchema, listCustomFilters, presentCustomFilter } from "@/lib/custom-filters/custom-filters";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(
  async ({ db, account, user, query }) => Response.json((await listCustomFilters(db, { accountId: account.id, userId: user.id, filterType: query.filter_type })).map(presentCustomFilter)),
  { params: accountParams, query: customFilterListQuerySchema },
);

export const POST = withAccount(async ({ db, account, user, body }) => Response.json(presentCustomFilter(await createCustomFilter(db, { accountId: account.id, userId: user.id, input: body }))), {
  params: accountParams,
  body: customFilterSchema,
});
