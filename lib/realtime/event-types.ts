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
  "message.created",
  "message.updated",
  "first_reply.created",
  "reply.created",
  "contact.created",
  "contact.updated",
  "presence.update",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Events the contact never receives whatever their payload (E3 and the Chatwoot audience table):
 * internal status hooks, read receipts, assignment and reply-time events go to agents only.
 */
export const AGENTS_ONLY_EVENTS: ReadonlySet<EventType> = new Set<EventType>([
  "conversation.opened",
  "conversation.resolved",
  "conversation.read",
  "assignee.changed",
  "first_reply.created",
  "reply.created",
  "contact.created",
  "contact.updated",
]);
