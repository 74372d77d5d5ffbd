// POST /api/v1/accounts/{account_id}/webhooks/{id}/test – queue a signed `test` event to this webhook (administrators; Parley addition)
import { z } from "zod";
import { webhookParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentDelivery, queueTestEvent } from "@/lib/webhooks/webhooks";

export const POST = withAccount(async ({ db, account, params }) => Response.json({ payload: presentDelivery(await queueTestEvent(db, { accountId: account.id, id: params.webhookId })) }), {
  params: webhookParams,
  role: "administrator",
  body: z.looseObject({}),
});
