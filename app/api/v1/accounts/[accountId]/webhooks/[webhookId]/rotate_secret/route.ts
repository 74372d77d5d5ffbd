// POST /api/v1/accounts/{account_id}/webhooks/{id}/rotate_secret – a new signing secret, answered once (administrators; Parley addition)
import { z } from "zod";
import { webhookParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentOneWebhook } from "@/lib/webhooks/present-webhooks";
import { rotateWebhookSecret } from "@/lib/webhooks/webhooks";

export const POST = withAccount(
  async ({ db, account, params }) =>
    Response.json({ payload: { webhook: await presentOneWebhook(db, await rotateWebhookSecret(db, { accountId: account.id, id: params.webhookId }), { withSecret: true }) } }),
  {
    params: webhookParams,
    role: "administrator",
    body: z.looseObject({}),
  },
);
