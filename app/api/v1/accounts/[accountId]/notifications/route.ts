// GET /api/v1/accounts/{account_id}/notifications – the caller's notifications, newest first, with unread_count (Chatwoot's {data: {meta, payload}})
import { withAccount } from "@/lib/http/with-auth";
import { listNotifications, notificationsQuerySchema } from "@/lib/notifications/notifications";

export const GET = withAccount(async ({ db, account, user, query }) => Response.json(await listNotifications(db, { accountId: account.id, userId: user.id, page: query.page })), {
  query: notificationsQuerySchema,
});
