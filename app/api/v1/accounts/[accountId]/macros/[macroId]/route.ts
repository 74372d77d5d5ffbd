// GET|PATCH|PUT|DELETE /api/v1/accounts/{account_id}/macros/{id} – show, edit or delete a macro (global: administrators; personal: its author)
import { headOk } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { macroParams } from "@/lib/http/workflow-params";
import { deleteMacro, getMacro, presentMacro, updateMacro } from "@/lib/workflow/macros";
import { macroUpdateSchema } from "@/lib/workflow/workflow-input";

export const GET = withAccount(
  async ({ db, account, user, membership, params }) =>
    Response.json({ payload: await presentMacro(db, await getMacro(db, { accountId: account.id, user: { id: user.id, role: membership.role }, id: params.macroId })) }),
  {
    params: macroParams,
  },
);

export const PATCH = withAccount(
  async ({ db, account, user, membership, params, body }) =>
    Response.json({ payload: await presentMacro(db, await updateMacro(db, { accountId: account.id, user: { id: user.id, role: membership.role }, id: params.macroId, input: body })) }),
  { params: macroParams, body: macroUpdateSchema },
);
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, user, membership, params }) => {
    await deleteMacro(db, { accountId: account.id, user: { id: user.id, role: membership.role }, id: params.macroId });
    return headOk();
  },
  { params: macroParams },
);
