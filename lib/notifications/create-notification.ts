import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications } from "@/db/schema";
import { loadNotificationPushes } from "@/lib/presenters/notification-push";
import { appendEvent } from "@/lib/realtime/append-event";
import { usersWithFlag } from "./notification-settings";
import { pushFlagOf, type NotificationType } from "./notification-types";
import { notificationCounts } from "./notifications";

export type NewNotification = {
  accountId: number;
  conversationId: number;
  type: NotificationType;
  userIds: number[];
  secondaryActor: { type: "Message" | "User"; id: number } | null;
  sourceEventId: number;
  now?: Date;
};

/**
 * Raises one notification per recipient who has the type switched on (NT4), with `notification.created`
 * for that recipient only (NT2), in one transaction. The (event, user, type) key makes a second
 * processing of the same event write nothing. A new visitor message on a conversation the agent already
 * has an unread "new message" notification for moves that one up instead of adding another.
 */
export async function createNotifications(db: Db, n: NewNotification): Promise<number> {
  const recipients = await usersWithFlag(db, { accountId: n.accountId, userIds: [...new Set(n.userIds)], flag: pushFlagOf(n.type) });
  const now = n.now ?? new Date();
  let created = 0;
  for (const userId of recipients) {
    await db.transaction(async (tx) => {
      if (n.type === "assigned_conversation_new_message") {
        const bumped = await tx
          .update(notifications)
          .set({ lastActivityAt: now, secondaryActorId: n.secondaryActor?.id ?? null })
          .where(
            and(
              eq(notifications.userId, userId),
              eq(notifications.accountId, n.accountId),
              eq(notifications.conversationId, n.conversationId),
              eq(notifications.notificationType, n.type),
              isNull(notifications.readAt),
            ),
          )
          .returning({ id: notifications.id });
        if (bumped.length) return;
      }
      const [row] = await tx
        .insert(notifications)
        .values({
          accountId: n.accountId,
          userId,
          notificationType: n.type,
          conversationId: n.conversationId,
          secondaryActorType: n.secondaryActor?.type ?? null,
          secondaryActorId: n.secondaryActor?.id ?? null,
          sourceEventId: n.sourceEventId,
          createdAt: now,
          lastActivityAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) return;
      created++;
      const [notification] = await loadNotificationPushes(tx, [row]);
      const counts = await notificationCounts(tx, { accountId: n.accountId, userId });
      await appendEvent(tx, { accountId: n.accountId, type: "notification.created", userId, private: true, payload: { notification, ...counts } });
    });
  }
  return created;
}
