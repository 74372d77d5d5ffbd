// GET|POST /api/v1/accounts/{account_id}/automation_rules – the account's automation rules as {payload}; create one (administrators)
import { withAccount } from "@/lib/http/with-auth";
import { createAutomationRule, listAutomationRules, presentAutomationRule } from "@/lib/workflow/automation-rules";
import { automationRuleSchema } from "@/lib/workflow/workflow-input";

export const GET = withAccount(async ({ db, account }) => Response.json({ payload: (await listAutomationRules(db, { accountId: account.id })).map(presentAutomationRule) }), {
  role: "administrator",
});

export const POST = withAccount(async ({ db, account, body }) => Response.json({ payload: presentAutomationRule(await createAutomationRule(db, { accountId: account.id, input: body })) }), {
  body: automationRuleSchema,
  role: "administrator",
});
