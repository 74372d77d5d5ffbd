// GET|POST /api/v1/accounts/{account_id}/macros – the account's global macros and the caller's personal ones; create one (global: administrators)
import { withAccount } from "@/lib/http/with-auth";
import { createMacro, listMacros, presentMacro, presentMacros } from "@/lib/workflow/macros";
import { macroSchema } from "@/lib/workflow/workflow-input";

export const GET = withAccount(async ({ db, account, user, membership }) =>
  Response.json({ payload: await presentMacros(db, await listMacros(db, { accountId: account.id, user: { id: user.id, role: membership.role } })) }),
);

export const POST = withAccount(
  async ({ db, account, user, membership, body }) =>
    Response.json({ payload: await presentMacro(db, await createMacro(db, { accountId: account.id, user: { id: user.id, role: membership.role }, input: body })) }),
  {
    body: macroSchema,
  },
);
