// GET|PATCH|PUT|DELETE /api/v1/accounts/{account_id}/automation_rules/{id} – show, edit or delete an automation rule (administrators)
import { headOk } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { automationRuleParams } from "@/lib/http/workflow-params";
import { deleteAutomationRule, getAutomationRule, presentAutomationRule, updateAutomationRule } from "@/lib/workflow/automation-rules";
import { automationRuleUpdateSchema } from "@/lib/workflow/workflow-input";

export const GET = withAccount(async ({ db, account, params }) => Response.json({ payload: presentAutomationRule(await getAutomationRule(db, { accountId: account.id, id: params.ruleId })) }), {
  params: automationRuleParams,
  role: "administrator",
});

export const PATCH = withAccount(
  async ({ db, account, params, body }) => Response.json({ payload: presentAutomationRule(await updateAutomationRule(db, { accountId: account.id, id: params.ruleId, input: body })) }),
  { params: automationRuleParams, body: automationRuleUpdateSchema, role: "administrator" },
);
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, params }) => {
    await deleteAutomationRule(db, { accountId: account.id, id: params.ruleId });
    return headOk();
  },
  { params: automationRuleParams, role: "administrator" },
);
