// GET /api/v1/accounts/{account_id}/notifications/unread_count – how many of the caller's notifications are unread (a bare number, as Chatwoot)
import { withAccount } from "@/lib/http/with-auth";
import { notificationCounts } from "@/lib/notifications/notifications";

export const GET = withAccount(async ({ db, account, user }) => Response.json((await notificationCounts(db, { accountId: account.id, userId: user.id })).unread_count));
