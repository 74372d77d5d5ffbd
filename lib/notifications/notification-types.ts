/**
 * The notifications Parley raises (NT1), with Chatwoot's names. Browser-safe: the operator app and
 * the settings page read the same list.
 */
export const NOTIFICATION_TYPES = ["conversation_assignment", "conversation_mention", "assigned_conversation_new_message"] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Chatwoot's setting flags: `push_<type>` decides whether Parley raises the notification (NT4); email flags are kept for clients. */
export const PUSH_FLAGS = NOTIFICATION_TYPES.map((t) => `push_${t}` as const);
export const EMAIL_FLAGS = NOTIFICATION_TYPES.map((t) => `email_${t}` as const);
export const pushFlagOf = (t: NotificationType) => `push_${t}` as const;
