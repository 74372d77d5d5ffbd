// GET|PATCH|PUT|DELETE /api/v1/accounts/{account_id}/custom_attribute_definitions/{id} – one definition; change or delete it (administrators)
import { definitionUpdateSchema, deleteDefinition, getDefinition, presentDefinition, updateDefinition } from "@/lib/custom-attributes/definitions";
import { definitionParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ db, account, params }) => Response.json(presentDefinition(await getDefinition(db, { accountId: account.id, id: params.definitionId }))), {
  params: definitionParams,
});

export const PATCH = withAccount(
  async ({ db, account, params, body }) => Response.json(presentDefinition(await updateDefinition(db, { accountId: account.id, id: params.definitionId, input: body }))),
  { params: definitionParams, body: definitionUpdateSchema, role: "administrator" },
);
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, params }) => {
    await deleteDefinition(db, { accountId: account.id, id: params.definitionId });
    return new Response(null, { status: 204 });
  },
  { params: definitionParams, role: "administrator" },
);
