// GET|POST /api/v1/accounts/{account_id}/custom_attribute_definitions – the account's definitions (?attribute_model=); add one (administrators)
import { createDefinition, definitionCreateSchema, definitionListQuerySchema, listDefinitions, presentDefinition } from "@/lib/custom-attributes/definitions";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ db, account, query }) => Response.json((await listDefinitions(db, { accountId: account.id, model: query.attribute_model })).map(presentDefinition)), {
  params: accountParams,
  query: definitionListQuerySchema,
});

export const POST = withAccount(async ({ db, account, body }) => Response.json(presentDefinition(await createDefinition(db, { accountId: account.id, input: body }))), {
  params: accountParams,
  body: definitionCreateSchema,
  role: "administrator",
});
