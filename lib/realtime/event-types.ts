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
  "contact.merged",
  "contact.deleted",
  "presence.update",
  // Parley addition (not in Chatwoot): the visitor's "Seen" mark, see CONTACT_ONLY_EVENTS.
  "conversation.agent_seen",
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
  "contact.merged",
  "contact.deleted",
]);

/**
 * Events only the contact receives. `conversation.agent_seen` carries `{id, agent_last_seen_at}` and
 * nothing about who read: agents already know (they wrote it), and the visitor learns only that the
 * team has seen their message (W2 read marks, E7). Chatwoot pushes nothing on an agent's read.
 */
export const CONTACT_ONLY_EVENTS: ReadonlySet<EventType> = new Set<EventType>(["conversation.agent_seen"]);
