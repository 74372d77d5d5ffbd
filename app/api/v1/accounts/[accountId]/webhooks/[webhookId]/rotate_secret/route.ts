// POST /api/v1/accounts/{account_id}/webhooks/{id}/rotate_secret – a new signing secret, answered once (administrators; Parley addition)
import { z } from "zod";
import { webhookParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { rotateWebhookSecret, withSecret } from "@/lib/webhooks/webhooks";

export const POST = withAccount(
  async ({ db, account, params }) => Response.json({ payload: { webhook: withSecret(await rotateWebhookSecret(db, { accountId: account.id, id: params.webhookId })) } }),
  {
    params: webhookParams,
    role: "administrator",
    body: z.looseObject({}),
  },
);
