// POST /api/v1/accounts/{account_id}/notifications/{id}/unread – mark one of the caller's notifications unread again
import { withAccount } from "@/lib/http/with-auth";
import { notificationParams } from "@/lib/http/workflow-params";
import { markNotificationUnread } from "@/lib/notifications/notifications";

export const POST = withAccount(async ({ db, account, user, params }) => Response.json(await markNotificationUnread(db, { accountId: account.id, userId: user.id, id: params.notificationId })), {
  params: notificationParams,
});
