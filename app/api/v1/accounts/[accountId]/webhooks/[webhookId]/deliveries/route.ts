// GET /api/v1/accounts/{account_id}/webhooks/{id}/deliveries – the delivery log, newest 100 (administrators; Parley addition)
import { webhookParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { listDeliveries, presentDelivery } from "@/lib/webhooks/webhooks";

export const GET = withAccount(async ({ db, account, params }) => Response.json({ payload: (await listDeliveries(db, { accountId: account.id, id: params.webhookId })).map(presentDelivery) }), {
  params: webhookParams,
  role: "administrator",
});
