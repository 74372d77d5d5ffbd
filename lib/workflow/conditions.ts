import { daysBeforeCutoff, parseDateValue, parseDaysBefore } from "@/lib/conversations/filter-dates";
import type { Condition } from "./workflow-input";

/** What a rule's conditions read: the conversation, its contact and (message_created) the message. */
export type Facts = {
  status: string;
  assignee_id: number | null;
  inbox_id: number;
  team_id: number | null;
  labels: string[];
  priority: string | null;
  display_id: number;
  created_at: Date;
  last_activity_at: Date | null;
  /** The conversation's additional attributes the widget records (as the filter reads them). */
  browser_language: string | null;
  referer: string | null;
  email: string | null;
  phone_number: string | null;
  name: string | null;
  content?: string | null;
  message_type?: string;
  /** Custom attributes: the conversation's, then the contact's. */
  custom: Record<string, unknown>;
};

const norm = (v: unknown) => String(v ?? "").toLowerCase();
const present = (v: unknown) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0);
const MESSAGE_TYPES = ["incoming", "outgoing", "activity", "template"];

function actual(facts: Facts, key: string): unknown {
  if (key === "message_type") return facts.message_type;
  if (key in facts && key !== "custom") return facts[key as keyof Facts];
  return facts.custom[key];
}

/**
 * A date condition, as the filter's SQL reads it: after / before the value's instant, or more than
 * `days_before` days before now. The first value decides (the filter's rule); a date that is not there
 * matches none of them.
 */
function dateHolds(op: "is_greater_than" | "is_less_than" | "days_before", value: unknown, first: unknown, now: number): boolean {
  if (!(value instanceof Date)) return false;
  if (op === "days_before") {
    const days = parseDaysBefore(first);
    return days !== null && value < daysBeforeCutoff(days, now);
  }
  const at = parseDateValue(first);
  if (!at) return false;
  return op === "is_greater_than" ? value > at : value < at;
}

/** One condition against the facts (MA3), case-insensitively for text; a list (labels) matches when any value is in it. */
export function conditionHolds(c: Condition, facts: Facts, now = Date.now()): boolean {
  const value = actual(facts, c.attribute_key);
  if (c.filter_operator === "is_present") return present(value);
  if (c.filter_operator === "is_not_present") return !present(value);
  if (c.filter_operator === "is_greater_than" || c.filter_operator === "is_less_than" || c.filter_operator === "days_before") return dateHolds(c.filter_operator, value, c.values[0], now);
  const values = c.values.map((v) => (c.attribute_key === "message_type" && typeof v === "number" ? (MESSAGE_TYPES[v] ?? "") : norm(v)));
  const items = Array.isArray(value) ? value.map(norm) : [norm(value)];
  const equal = values.some((v) => items.includes(v));
  const contains = values.some((v) => items.some((i) => i.includes(v)));
  switch (c.filter_operator) {
    case "equal_to":
      return equal;
    case "not_equal_to":
      return !equal;
    case "contains":
      return contains;
    case "does_not_contain":
      return !contains;
  }
}

/**
 * Chatwoot joins each condition to the next with its `query_operator`; as in its SQL, AND binds
 * tighter than OR. No conditions: the rule always applies.
 */
export function conditionsHold(conditions: Condition[], facts: Facts, now = Date.now()): boolean {
  if (!conditions.length) return true;
  let any = false;
  let all = true;
  conditions.forEach((c, i) => {
    all &&= conditionHolds(c, facts, now);
    const joinsNext = i < conditions.length - 1 ? (c.query_operator ?? "and") : "or";
    if (joinsNext === "or") {
      any ||= all;
      all = true;
    }
  });
  return any;
}
