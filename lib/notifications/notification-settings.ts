import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { notificationSettings, type NotificationSettingRow } from "@/db/schema";
import { EMAIL_FLAGS, PUSH_FLAGS } from "./notification-types";

const flags = (all: readonly string[]) => z.array(z.string().refine((f) => all.includes(f), `must be one of ${all.join(", ")}`)).max(all.length * 2);

/** Chatwoot's `notification_settings` body (nested, or at the top level). */
export const notificationSettingsSchema = z.preprocess(
  (v) => (v && typeof v === "object" && "notification_settings" in v ? (v as { notification_settings: unknown }).notification_settings : v),
  z.object({ selected_email_flags: flags(EMAIL_FLAGS).optional(), selected_push_flags: flags(PUSH_FLAGS).optional() }),
);

/** NT4: without a stored row every notification is on. */
const DEFAULT_PUSH: string[] = [...PUSH_FLAGS];

export function presentNotificationSettings(row: Pick<NotificationSettingRow, "id" | "accountId" | "userId" | "emailFlags" | "pushFlags">) {
  return {
    id: row.id,
    user_id: row.userId,
    account_id: row.accountId,
    all_email_flags: EMAIL_FLAGS,
    selected_email_flags: row.emailFlags,
    all_push_flags: PUSH_FLAGS,
    selected_push_flags: row.pushFlags,
  };
}

export async function getNotificationSettings(db: Db, { accountId, userId }: { accountId: number; userId: number }): Promise<NotificationSettingRow> {
  const [row] = await db
    .select()
    .from(notificationSettings)
    .where(and(eq(notificationSettings.accountId, accountId), eq(notificationSettings.userId, userId)));
  if (row) return row;
  // Created on first read, as Chatwoot does when an agent joins; a racing reader finds the winner's row.
  await db.insert(notificationSettings).values({ accountId, userId, pushFlags: DEFAULT_PUSH, emailFlags: [] }).onConflictDoNothing();
  return getNotificationSettings(db, { accountId, userId });
}

export async function updateNotificationSettings(
  db: Db,
  { accountId, userId, input }: { accountId: number; userId: number; input: z.output<typeof notificationSettingsSchema> },
): Promise<NotificationSettingRow> {
  const current = await getNotificationSettings(db, { accountId, userId });
  const [row] = await db
    .update(notificationSettings)
    .set({
      emailFlags: input.selected_email_flags ? [...new Set(input.selected_email_flags)] : current.emailFlags,
      pushFlags: input.selected_push_flags ? [...new Set(input.selected_push_flags)] : current.pushFlags,
      updatedAt: new Date(),
    })
    .where(eq(notificationSettings.id, current.id))
    .returning();
  return row!;
}

/** The users among `userIds` who receive `flag` in this account (no row = all on). */
export async function usersWithFlag(db: Db, { accountId, userIds, flag }: { accountId: number; userIds: number[]; flag: string }): Promise<number[]> {
  if (!userIds.length) return [];
  const rows = await db.select({ userId: notificationSettings.userId, pushFlags: notificationSettings.pushFlags }).from(notificationSettings).where(eq(notificationSettings.accountId, accountId));
  const stored = new Map(rows.map((r) => [r.userId, r.pushFlags]));
  return userIds.filter((id) => stored.get(id)?.includes(flag) ?? true);
}
