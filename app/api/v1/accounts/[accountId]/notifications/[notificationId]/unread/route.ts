// POST /api/v1/accounts/{account_id}/notifications/{id}/unread – mark one of the caller's notifications unread again
import { z } from "zod";
import { withAccount } from "@/lib/http/with-auth";
import { notificationParams } from "@/lib/http/workflow-params";
import { markNotificationUnread } from "@/lib/notifications/notifications";

export const POST = withAccount(async ({ db, account, user, params }) => Response.json(await markNotificationUnread(db, { accountId: account.id, userId: user.id, id: params.notificationId })), {
  params: notificationParams,
  // No fields, but a body that is there must be JSON (R4): a malformed one is refused, not ignored.
  body: z.object({}),
});
