import type { Availability } from "@/db/schema/enums";
import type { ContactPush } from "@/lib/presenters/contact-push";
import type { ConversationPush } from "@/lib/presenters/conversation-push";
import type { MessagePush } from "@/lib/presenters/message-push";
import type { NotificationCreatedPayload } from "@/lib/presenters/notification-push";
import type { UserPush } from "@/lib/presenters/user-push";

// The contract between the server and its browsers (operator app, widget): event names and their
// payloads. Type-only imports, so browser code may import this module without pulling in the server.

/** Event names of SPEC E1, exactly as clients receive them. */
export const EVENT_TYPES = [
  "conversation.created",
  "conversation.updated",
  "conversation.status_changed",
  "conversation.opened",
  "conversation.resolved",
  "conversation.read",
  "conversation.typing_on",
  "conversation.typing_off",
  "assignee.changed",
  "team.changed",
  "message.created",
  "message.updated",
  "first_reply.created",
  "reply.created",
  "contact.created",
  "contact.updated",
  "contact.merged",
  "contact.deleted",
  "presence.update",
  // Parley addition (not in Chatwoot): the visitor's "Seen" mark, see CONTACT_ONLY_EVENTS.
  "conversation.agent_seen",
  // Chatwoot's NOTIFICATION_CREATED: only the notified agent hears it (NT2, `events.user_id`).
  "notification.created",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** `conversation.typing_on|off`: who types where; `is_private` for an agent's note (agents only). */
export type TypingPayload = { conversation: ConversationPush; user: UserPush | ContactPush; is_private: boolean };

/** What changed in a `message.updated`: attribute → [before, after], as Rails' `previous_changes`. */
export type PreviousChanges = Record<string, [unknown, unknown]>;

/** The payload each event carries (Chatwoot's push shapes, lib/presenters). */
export type EventPayloads = {
  "conversation.created": ConversationPush;
  "conversation.updated": ConversationPush;
  "conversation.status_changed": ConversationPush;
  "conversation.opened": ConversationPush;
  "conversation.resolved": ConversationPush;
  "conversation.read": ConversationPush;
  "conversation.typing_on": TypingPayload;
  "conversation.typing_off": TypingPayload;
  "assignee.changed": ConversationPush;
  "team.changed": ConversationPush;
  "message.created": MessagePush;
  "message.updated": MessagePush & { previous_changes?: PreviousChanges };
  "first_reply.created": ConversationPush;
  "reply.created": ConversationPush;
  "contact.created": ContactPush;
  "contact.updated": ContactPush;
  /** The base contact after a merge, with the id of the contact folded into it (now deleted). */
  "contact.merged": ContactPush & { mergee_id: number };
  /** A deleted contact and the display ids of the conversations that went with it. */
  "contact.deleted": ContactPush & { conversation_ids: number[] };
  /** The whole account: agents' effective availability and the visitors online, by id. */
  "presence.update": { users: Record<string, Availability>; contacts: Record<string, "online"> };
  /** The visitor's "Seen" mark: the conversation's display id and when (epoch seconds), never who. */
  "conversation.agent_seen": { id: number; agent_last_seen_at: number };
  /** A new notification for the one agent who receives it, with their counts after it. */
  "notification.created": NotificationCreatedPayload;
};

// Every name has a payload (a new name in EVENT_TYPES without one fails the typecheck here).
const everyEventHasAPayload: [Exclude<EventType, keyof EventPayloads>] extends [never] ? true : never = true;
void everyEventHasAPayload;

/** The events whose payload is the conversation itself (emitConversationEvents writes these). */
export type ConversationEventType = { [T in EventType]: EventPayloads[T] extends ConversationPush ? T : never }[EventType];

/** One event as a client receives it: its name and its payload, to which the server adds `account_id`. */
export type RealtimeEvent = { [T in EventType]: { type: T; data: EventPayloads[T] & { account_id: number } } }[EventType];

/**
 * Events the contact never receives whatever their payload (E3 and the Chatwoot audience table):
 * internal status hooks, read receipts, assignment and reply-time events go to agents only.
 */
export const AGENTS_ONLY_EVENTS: ReadonlySet<EventType> = new Set<EventType>([
  "conversation.opened",
  "conversation.resolved",
  "conversation.read",
  "assignee.changed",
  "team.changed",
  "first_reply.created",
  "reply.created",
  "contact.created",
  "contact.updated",
  "contact.merged",
  "contact.deleted",
  "notification.created",
]);

/**
 * Events only the contact receives. `conversation.agent_seen` carries `{id, agent_last_seen_at}` and
 * nothing about who read: agents already know (they wrote it), and the visitor learns only that the
 * team has seen their message (W2 read marks, E7). Chatwoot pushes nothing on an agent's read.
 */
export const CONTACT_ONLY_EVENTS: ReadonlySet<EventType> = new Set<EventType>(["conversation.agent_seen"]);

/**
 * Internal outbox events (E8): written by database triggers when a users, account_users, accounts,
 * inboxes, web_widgets or contact_inboxes row changes (db/migrations/0018, 0021), read by every
 * instance's hub to invalidate its lookup cache (lib/realtime/lookup-cache.ts). Never delivered to a
 * client, a replay or a webhook. Payload: `{ user_id }` for a user or membership, `{ account_id }` for
 * an account, `{ inbox_id }` for an inbox or its web widget, `{ contact_inbox_id }` for a contact_inbox.
 */
export const INTERNAL_EVENT_TYPES = ["internal.user_changed", "internal.membership_changed", "internal.account_changed", "internal.inbox_changed", "internal.contact_inbox_changed"] as const;
export const INTERNAL_EVENT_PREFIX = "internal.";
export const isInternalEvent = (type: string): boolean => type.startsWith(INTERNAL_EVENT_PREFIX);
