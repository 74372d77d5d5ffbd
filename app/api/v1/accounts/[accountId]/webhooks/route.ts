// GET|POST /api/v1/accounts/{account_id}/webhooks – the account's webhooks as {payload: {webhooks}}; create one, answered with its secret once (administrators)
import { withAccount } from "@/lib/http/with-auth";
import { createWebhook, listWebhooks, presentWebhook, webhookSchema, withSecret } from "@/lib/webhooks/webhooks";

export const GET = withAccount(async ({ db, account }) => Response.json({ payload: { webhooks: (await listWebhooks(db, { accountId: account.id })).map(presentWebhook) } }), {
  role: "administrator",
});

export const POST = withAccount(async ({ db, account, body }) => Response.json({ payload: { webhook: withSecret(await createWebhook(db, { accountId: account.id, input: body })) } }), {
  body: webhookSchema,
  role: "administrator",
});
