// GET|POST /api/v1/accounts/{account_id}/webhooks – the account's webhooks as {payload: {webhooks}} (inbox-scoped ones name their inbox); create one, answered with its secret once (administrators)
import { withAccount } from "@/lib/http/with-auth";
import { presentOneWebhook, presentWebhooks } from "@/lib/webhooks/present-webhooks";
import { createWebhook, listWebhooks, webhookSchema } from "@/lib/webhooks/webhooks";

export const GET = withAccount(async ({ db, account }) => Response.json({ payload: { webhooks: await presentWebhooks(db, await listWebhooks(db, { accountId: account.id })) } }), {
  role: "administrator",
});

export const POST = withAccount(
  async ({ db, account, body }) => Response.json({ payload: { webhook: await presentOneWebhook(db, await createWebhook(db, { accountId: account.id, input: body }), { withSecret: true }) } }),
  {
    body: webhookSchema,
    role: "administrator",
  },
);
