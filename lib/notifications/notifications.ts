import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { notifications, type Notification } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { displayIdOf, loadNotificationPushes, presentRawNotification } from "@/lib/presenters/notification-push";

export const PAGE_SIZE = 15;
type Owner = { accountId: number; userId: number };
const owned = ({ accountId, userId }: Owner) => and(eq(notifications.accountId, accountId), eq(notifications.userId, userId));

export const notificationsQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });

/** The caller's counts: all and unread (NT1). */
export async function notificationCounts(db: Db, owner: Owner): Promise<{ count: number; unread_count: number }> {
  const [row] = await db
    .select({ all: count(), unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)` })
    .from(notifications)
    .where(owned(owner));
  return { count: Number(row?.all ?? 0), unread_count: Number(row?.unread ?? 0) };
}

/** GET …/notifications: Chatwoot's `{data: {meta: {unread_count, count, current_page}, payload}}`, newest activity first. */
export async function listNotifications(db: Db, { page, ...owner }: Owner & { page: number }) {
  const rows = await db
    .select()
    .from(notifications)
    .where(owned(owner))
    .orderBy(desc(notifications.lastActivityAt), desc(notifications.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const counts = await notificationCounts(db, owner);
  return { data: { meta: { unread_count: counts.unread_count, count: counts.count, current_page: page }, payload: await loadNotificationPushes(db, rows) } };
}

async function ownNotification(db: Db, owner: Owner, id: number): Promise<Notification> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(owned(owner), eq(notifications.id, id)));
  if (!row) throw AppError.notFound();
  return row;
}

/** PATCH …/notifications/:id: marks it read (an agent reaches only their own, else 404). */
export async function markNotificationRead(db: Db, { id, now = new Date(), ...owner }: Owner & { id: number; now?: Date }) {
  const row = await ownNotification(db, owner, id);
  const [updated] = await db
    .update(notifications)
    .set({ readAt: row.readAt ?? now })
    .where(eq(notifications.id, row.id))
    .returning();
  return presentRawNotification(updated!, await displayIdOf(db, row.conversationId));
}

/** POST …/notifications/:id/unread. */
export async function markNotificationUnread(db: Db, { id, ...owner }: Owner & { id: number }) {
  const row = await ownNotification(db, owner, id);
  const [updated] = await db.update(notifications).set({ readAt: null }).where(eq(notifications.id, row.id)).returning();
  return presentRawNotification(updated!, await displayIdOf(db, row.conversationId));
}

/** POST …/notifications/read_all: every unread one of the caller, or those of one conversation (`primary_actor_id` = display id). */
export async function readAllNotifications(db: Db, { conversationId, now = new Date(), ...owner }: Owner & { conversationId?: number; now?: Date }): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(owned(owner), isNull(notifications.readAt), conversationId === undefined ? undefined : eq(notifications.conversationId, conversationId)));
}

export async function deleteNotification(db: Db, { id, ...owner }: Owner & { id: number }): Promise<void> {
  const rows = await db
    .delete(notifications)
    .where(and(owned(owner), eq(notifications.id, id)))
    .returning({ id: notifications.id });
  if (!rows.length) throw AppError.notFound();
}
