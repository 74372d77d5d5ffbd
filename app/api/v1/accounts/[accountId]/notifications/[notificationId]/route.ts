// PATCH|DELETE /api/v1/accounts/{account_id}/notifications/{id} – mark one of the caller's notifications read, or delete it
import { headOk } from "@/lib/http/app-params";
import { z } from "zod";
import { withAccount } from "@/lib/http/with-auth";
import { notificationParams } from "@/lib/http/workflow-params";
import { deleteNotification, markNotificationRead } from "@/lib/notifications/notifications";

export const PATCH = withAccount(async ({ db, account, user, params }) => Response.json(await markNotificationRead(db, { accountId: account.id, userId: user.id, id: params.notificationId })), {
  params: notificationParams,
  // No fields, but a body that is there must be JSON (R4): a malformed one is refused, not ignored.
  body: z.object({}),
});

export const DELETE = withAccount(
  async ({ db, account, user, params }) => {
    await deleteNotification(db, { accountId: account.id, userId: user.id, id: params.notificationId });
    return headOk();
  },
  { params: notificationParams },
);
