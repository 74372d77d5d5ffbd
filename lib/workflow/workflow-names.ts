/**
 * The names macros and automation rules speak (Chatwoot's), browser-safe so the settings pages build
 * their pickers from the same lists the server validates against.
 */
export const MACRO_ACTIONS = [
  "assign_agent",
  "assign_team",
  "add_label",
  "remove_label",
  "change_status",
  "change_priority",
  "send_message",
  "add_private_note",
  "resolve_conversation",
  "snooze_conversation",
  "open_conversation",
] as const;
export type ActionName = (typeof MACRO_ACTIONS)[number];
/** Automation rules take the macros' actions (resolve and snooze included). */
export const AUTOMATION_ACTIONS = MACRO_ACTIONS;

export const AUTOMATION_EVENTS = ["conversation_created", "conversation_updated", "message_created"] as const;
export type AutomationEvent = (typeof AUTOMATION_EVENTS)[number];

/** Condition attributes: the conversation's, its contact's, and the triggering message's (message_created only). */
export const CONDITION_ATTRIBUTES = [
  "status",
  "assignee_id",
  "inbox_id",
  "team_id",
  "labels",
  "priority",
  "display_id",
  "created_at",
  "last_activity_at",
  "browser_language",
  "referer",
  "email",
  "phone_number",
  "name",
  "content",
  "message_type",
] as const;
export type ConditionAttribute = (typeof CONDITION_ATTRIBUTES)[number];
export const MESSAGE_ATTRIBUTES: readonly string[] = ["content", "message_type"];

export const FILTER_OPERATORS = ["equal_to", "not_equal_to", "contains", "does_not_contain", "is_present", "is_not_present", "is_greater_than", "is_less_than", "days_before"] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** The conversation's dates take the filter's date operators, and only those (as `POST /conversations/filter`). */
export const DATE_ATTRIBUTES: readonly string[] = ["created_at", "last_activity_at"];
export const DATE_OPERATORS: readonly FilterOperator[] = ["is_greater_than", "is_less_than", "days_before", "is_present", "is_not_present"];
/** Operators that compare dates: no other attribute takes them. */
export const ONLY_DATE_OPERATORS: readonly FilterOperator[] = ["is_greater_than", "is_less_than", "days_before"];

export const VISIBILITIES = ["personal", "global"] as const;
