// POST /api/v1/accounts/{account_id}/macros/{id}/execute – run a macro's actions on conversations the caller can see ({conversation_ids}: display ids)
import { headOk } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { macroParams } from "@/lib/http/workflow-params";
import { executeMacro } from "@/lib/workflow/macros";
import { executeMacroSchema } from "@/lib/workflow/workflow-input";

export const POST = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    await executeMacro(db, { accountId: account.id, user: { id: user.id, role: membership.role }, id: params.macroId, conversationIds: body.conversation_ids });
    return headOk();
  },
  { params: macroParams, body: executeMacroSchema },
);
