// PATCH|PUT|DELETE /api/v1/accounts/{account_id}/webhooks/{id} – edit (url, name, subscriptions, inbox_id) or delete a webhook (administrators)
import { headOk } from "@/lib/http/app-params";
import { webhookParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentOneWebhook } from "@/lib/webhooks/present-webhooks";
import { deleteWebhook, updateWebhook, webhookUpdateSchema } from "@/lib/webhooks/webhooks";

export const PATCH = withAccount(
  async ({ db, account, params, body }) => Response.json({ payload: { webhook: await presentOneWebhook(db, await updateWebhook(db, { accountId: account.id, id: params.webhookId, input: body })) } }),
  { params: webhookParams, body: webhookUpdateSchema, role: "administrator" },
);
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, params }) => {
    await deleteWebhook(db, { accountId: account.id, id: params.webhookId });
    return headOk();
  },
  { params: webhookParams, role: "administrator" },
);
