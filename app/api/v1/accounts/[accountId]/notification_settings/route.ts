// GET|PATCH|PUT /api/v1/accounts/{account_id}/notification_settings – the caller's notification flags: which events notify them
import { withAccount } from "@/lib/http/with-auth";
import { getNotificationSettings, notificationSettingsSchema, presentNotificationSettings, updateNotificationSettings } from "@/lib/notifications/notification-settings";

export const GET = withAccount(async ({ db, account, user }) => Response.json(presentNotificationSettings(await getNotificationSettings(db, { accountId: account.id, userId: user.id }))));

export const PATCH = withAccount(
  async ({ db, account, user, body }) => Response.json(presentNotificationSettings(await updateNotificationSettings(db, { accountId: account.id, userId: user.id, input: body }))),
  { body: notificationSettingsSchema },
);
export const PUT = PATCH;
