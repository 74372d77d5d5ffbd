// POST /api/v1/accounts/{account_id}/webhooks/{id}/deliveries/{delivery_id}/retry – send a failed or waiting delivery now (administrators; Parley addition)
import { z } from "zod";
import { webhookDeliveryParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentDelivery, retryDelivery } from "@/lib/webhooks/webhooks";

export const POST = withAccount(
  async ({ db, account, params }) => Response.json({ payload: presentDelivery(await retryDelivery(db, { accountId: account.id, id: params.webhookId, deliveryId: params.deliveryId })) }),
  { params: webhookDeliveryParams, role: "administrator", body: z.looseObject({}) },
);
