import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, messages, users, type Notification } from "@/db/schema";
import { loadConversationPush, type ConversationPush } from "./conversation-push";
import { loadMessagePushes, type MessagePush } from "./message-push";
import { epoch, iso } from "./time";
import { presentUserPush, type UserPush } from "./user-push";

/** `Notification#push_event_data` (Chatwoot): the conversation is the primary actor, by its display id. */
export type NotificationPush = {
  id: number;
  notification_type: string;
  push_message_title: string;
  primary_actor_type: "Conversation";
  primary_actor_id: number;
  primary_actor: ConversationPush;
  read_at: string | null;
  secondary_actor: MessagePush | UserPush | null;
  user: UserPush;
  created_at: number;
  last_activity_at: number;
  snoozed_until: string | null;
  meta: Record<string, unknown>;
  account_id: number;
};

/** `notification.created`: the notification and the recipient's counts after it (Chatwoot's payload). */
export type NotificationCreatedPayload = { notification: NotificationPush; unread_count: number; count: number };

/** Chatwoot's push_message_title, built from the conversation's number (the UI words it in the agent's language). */
function title(n: Notification, displayId: number): string {
  if (n.notificationType === "conversation_assignment") return `[Assigned to you] - #${displayId} has been assigned to you`;
  if (n.notificationType === "conversation_mention") return `You have been mentioned in conversation #${displayId}`;
  return `[New message] - #${displayId}`;
}

/** Presents notifications with their conversations and actors, loading each conversation once. */
export async function loadNotificationPushes(db: Db, rows: Notification[]): Promise<NotificationPush[]> {
  if (!rows.length) return [];
  const conversationIds = [...new Set(rows.map((r) => r.conversationId))];
  const messageIds = rows.filter((r) => r.secondaryActorType === "Message").map((r) => r.secondaryActorId!);
  const userIds = [...new Set([...rows.map((r) => r.userId), ...rows.filter((r) => r.secondaryActorType === "User").map((r) => r.secondaryActorId!)])];
  // Sequential on purpose: the handle may be a transaction, one connection that must not be shared.
  const pushes: [number, ConversationPush][] = [];
  for (const id of conversationIds) pushes.push([id, await loadConversationPush(db, id)]);
  const displayIds = await db.select({ id: conversations.id, displayId: conversations.displayId }).from(conversations).where(inArray(conversations.id, conversationIds));
  const messageRows = messageIds.length ? await db.select().from(messages).where(inArray(messages.id, messageIds)) : [];
  const userRows = await db.select({ id: users.id, name: users.name, displayName: users.displayName }).from(users).where(inArray(users.id, userIds));
  const conversationPush = new Map(pushes);
  const displayId = new Map(displayIds.map((c) => [c.id, c.displayId]));
  const messagePush = new Map((await loadMessagePushes(db, messageRows)).map((m, i) => [messageRows[i]!.id, m]));
  const userPush = new Map(userRows.map((u) => [u.id, presentUserPush(u)]));
  return rows.map((n) => {
    const secondary = n.secondaryActorType === "Message" ? messagePush.get(n.secondaryActorId!) : n.secondaryActorType === "User" ? userPush.get(n.secondaryActorId!) : undefined;
    const number = displayId.get(n.conversationId) ?? 0;
    return {
      id: n.id,
      notification_type: n.notificationType,
      push_message_title: title(n, number),
      primary_actor_type: "Conversation",
      primary_actor_id: number,
      primary_actor: conversationPush.get(n.conversationId)!,
      read_at: iso(n.readAt),
      secondary_actor: secondary ?? null,
      user: userPush.get(n.userId) ?? presentUserPush({ id: n.userId, name: "", displayName: null }),
      created_at: epoch(n.createdAt),
      last_activity_at: epoch(n.lastActivityAt),
      snoozed_until: null,
      meta: {},
      account_id: n.accountId,
    };
  });
}

/** One notification, as `PATCH …/notifications/:id` answers it (Chatwoot renders the record: `as_json`). */
export function presentRawNotification(n: Notification, displayId: number) {
  return {
    id: n.id,
    account_id: n.accountId,
    user_id: n.userId,
    notification_type: n.notificationType,
    primary_actor_type: "Conversation",
    primary_actor_id: displayId,
    secondary_actor_type: n.secondaryActorType,
    secondary_actor_id: n.secondaryActorId,
    read_at: iso(n.readAt),
    snoozed_until: null,
    last_activity_at: iso(n.lastActivityAt),
    meta: {},
    created_at: iso(n.createdAt),
    updated_at: iso(n.lastActivityAt),
  };
}

export async function displayIdOf(db: Db, conversationId: number): Promise<number> {
  const [c] = await db.select({ displayId: conversations.displayId }).from(conversations).where(eq(conversations.id, conversationId));
  return c?.displayId ?? 0;
}
