import * as teamsRoute from "@/app/api/v1/accounts/[accountId]/teams/route";
import * as teamRoute from "@/app/api/v1/accounts/[accountId]/teams/[teamId]/route";
import * as teamMembersRoute from "@/app/api/v1/accounts/[accountId]/teams/[teamId]/team_members/route";
import * as assignmentsRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/assignments/route";
import * as labelsRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/labels/route";
import * as contactLabelsRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/labels/route";
import * as filterRoute from "@/app/api/v1/accounts/[accountId]/conversations/filter/route";
import * as customFiltersRoute from "@/app/api/v1/accounts/[accountId]/custom_filters/route";
import * as customFilterRoute from "@/app/api/v1/accounts/[accountId]/custom_filters/[customFilterId]/route";
import * as bulkRoute from "@/app/api/v1/accounts/[accountId]/bulk_actions/route";
import * as notificationsRoute from "@/app/api/v1/accounts/[accountId]/notifications/route";
import * as readAllRoute from "@/app/api/v1/accounts/[accountId]/notifications/read_all/route";
import * as settingsRoute from "@/app/api/v1/accounts/[accountId]/notification_settings/route";
import * as macrosRoute from "@/app/api/v1/accounts/[accountId]/macros/route";
import * as macroRoute from "@/app/api/v1/accounts/[accountId]/macros/[macroId]/route";
import * as executeRoute from "@/app/api/v1/accounts/[accountId]/macros/[macroId]/execute/route";
import * as rulesRoute from "@/app/api/v1/accounts/[accountId]/automation_rules/route";
import * as ruleRoute from "@/app/api/v1/accounts/[accountId]/automation_rules/[ruleId]/route";
import type { Conversation } from "@/db/schema";
import type { RouteHandler } from "@/lib/http/with-auth";

/**
 * R4 rows for the team workflow (issue #15): what a client actually gets wrong, route by route, and
 * the field its 422 must name. Run on both backends by workflow-bad-input.test.ts.
 */
export type Ids = { teamId: number; customFilterId: number; macroId: number; ruleId: number; conversation: Conversation };
export type Row = {
  name: string;
  handler: RouteHandler | undefined;
  method: string;
  /** Path params beyond the account. */
  params?: (ids: Ids) => Record<string, string>;
  body?: (ids: Ids) => unknown;
  query?: string;
  /** The field the 422 names (its `attributes` has it, or a path ending in it). */
  field: string;
  /** Text the message must carry, e.g. the unknown attribute's name. */
  says?: string;
};

export const cond = (attribute_key: string, filter_operator: string, values: unknown[], extra: Record<string, unknown> = {}) => ({
  attribute_key,
  filter_operator,
  values,
  query_operator: null,
  ...extra,
});
const filterRow = (name: string, c: unknown, field: string, says?: string): Row => ({
  name: `filter: ${name}`,
  handler: filterRoute.POST,
  method: "POST",
  body: () => ({ payload: [c] }),
  field,
  says,
});
const team = (ids: Ids) => ({ teamId: String(ids.teamId) });
const conversation = (ids: Ids) => ({ conversationId: String(ids.conversation.displayId) });
const rule = { name: "r", event_name: "conversation_created", conditions: [], actions: [{ action_name: "resolve_conversation", action_params: [] }] };

export const ROWS: Row[] = [
  // Labels
  { name: "conversation labels: not a list", handler: labelsRoute.POST, method: "POST", params: conversation, body: () => ({ labels: "vip" }), field: "labels" },
  { name: "conversation labels: an unknown label", handler: labelsRoute.POST, method: "POST", params: conversation, body: () => ({ labels: ["no-such-label"] }), field: "labels" },
  {
    name: "contact labels: an unknown label",
    handler: contactLabelsRoute.POST,
    method: "POST",
    params: () => ({ contactId: "CONTACT" }),
    body: () => ({ labels: ["no-such-label"] }),
    field: "labels",
  },

  // Teams
  { name: "teams: no name", handler: teamsRoute.POST, method: "POST", body: () => ({ description: "x" }), field: "name" },
  { name: "teams: a blank name", handler: teamsRoute.POST, method: "POST", body: () => ({ team: { name: "  " } }), field: "name" },
  { name: "teams: allow_auto_assign not a boolean", handler: teamsRoute.POST, method: "POST", body: () => ({ name: "Ops", allow_auto_assign: "yes" }), field: "allow_auto_assign" },
  { name: "teams: a name taken (any case)", handler: teamsRoute.POST, method: "POST", body: () => ({ name: "BILLING" }), field: "name" },
  { name: "team update: a name too long", handler: teamRoute.PATCH, method: "PATCH", params: team, body: () => ({ name: "n".repeat(256) }), field: "name" },
  { name: "team members: user_ids not a list", handler: teamMembersRoute.POST, method: "POST", params: team, body: () => ({ user_ids: 5 }), field: "user_ids" },
  { name: "team members: a user of another account", handler: teamMembersRoute.POST, method: "POST", params: team, body: () => ({ user_ids: ["STRANGER"] }), field: "user_ids" },
  { name: "team members (replace): a bad id", handler: teamMembersRoute.PATCH, method: "PATCH", params: team, body: () => ({ user_ids: ["x"] }), field: "user_ids.0" },
  { name: "team members (remove): no user_ids", handler: teamMembersRoute.DELETE, method: "DELETE", params: team, body: () => ({}), field: "user_ids" },

  // Assignments
  { name: "assignments: an unknown team", handler: assignmentsRoute.POST, method: "POST", params: conversation, body: () => ({ team_id: 99_999_999 }), field: "team_id" },
  { name: "assignments: team_id not an id", handler: assignmentsRoute.POST, method: "POST", params: conversation, body: () => ({ team_id: "sales" }), field: "team_id" },
  { name: "assignments: an assignee outside the inbox", handler: assignmentsRoute.POST, method: "POST", params: conversation, body: () => ({ assignee_id: "OUTSIDER" }), field: "assignee_id" },

  // Filters (WF3): unknown attribute or operator, and values per attribute
  { name: "no conditions", handler: filterRoute.POST, method: "POST", body: () => ({ payload: [] }), field: "payload" },
  { name: "payload not a list", handler: filterRoute.POST, method: "POST", body: () => ({ payload: { status: "open" } }), field: "payload" },
  filterRow("an unknown attribute", cond("shoe_size", "equal_to", ["9"]), "attribute_key", "shoe_size"),
  filterRow("an unknown operator", cond("status", "sounds_like", ["open"]), "filter_operator", "sounds_like"),
  filterRow("an operator the attribute does not take", cond("labels", "contains", ["vip"]), "filter_operator", "contains"),
  filterRow("days_before on text", cond("email", "days_before", [3]), "filter_operator", "days_before"),
  filterRow("a status that is none", cond("status", "equal_to", ["closed"]), "values", "status"),
  filterRow("a priority that is none", cond("priority", "equal_to", ["critical"]), "values", "priority"),
  filterRow("an assignee that is not an id", cond("assignee_id", "equal_to", ["me"]), "values", "assignee_id"),
  filterRow("an inbox that is not an id", cond("inbox_id", "not_equal_to", ["-3"]), "values", "inbox_id"),
  filterRow("a team that is not an id", cond("team_id", "equal_to", ["1.5"]), "values", "team_id"),
  filterRow("a display_id that is not a number", cond("display_id", "is_greater_than", ["ten"]), "values", "display_id"),
  filterRow("a date that is none", cond("created_at", "is_less_than", ["yesterday-ish"]), "values", "created_at"),
  filterRow("days_before that is not a number of days", cond("last_activity_at", "days_before", ["-2"]), "values", "last_activity_at"),
  filterRow("equal_to without a value", cond("name", "equal_to", []), "values", "name"),
  filterRow("a number attribute given text", cond("seats", "equal_to", ["many"]), "values", "seats"),
  filterRow("a date attribute given text", cond("renewal", "is_greater_than", ["soon"]), "values", "renewal"),
  filterRow("a bad query_operator", cond("status", "equal_to", ["open"], { query_operator: "xor" }), "query_operator"),

  // Saved views (WF4)
  {
    name: "custom filters: a bad filter_type",
    handler: customFiltersRoute.POST,
    method: "POST",
    body: () => ({ name: "x", filter_type: "message", query: { payload: [cond("status", "equal_to", ["open"])] } }),
    field: "filter_type",
  },
  { name: "custom filters: no query", handler: customFiltersRoute.POST, method: "POST", body: () => ({ name: "x", filter_type: "conversation" }), field: "query" },
  {
    name: "custom filters: no name",
    handler: customFiltersRoute.POST,
    method: "POST",
    body: () => ({ filter_type: "conversation", query: { payload: [cond("status", "equal_to", ["open"])] } }),
    field: "name",
  },
  {
    name: "custom filters: a query the filter refuses",
    handler: customFiltersRoute.POST,
    method: "POST",
    body: () => ({ name: "x", filter_type: "conversation", query: { payload: [cond("status", "equal_to", ["closed"])] } }),
    field: "query.values",
  },
  { name: "custom filters: index with a bad filter_type", handler: customFiltersRoute.GET, method: "GET", query: "filter_type=message", field: "filter_type" },
  {
    name: "custom filter update: a query the filter refuses",
    handler: customFilterRoute.PATCH,
    method: "PATCH",
    params: (ids) => ({ customFilterId: String(ids.customFilterId) }),
    body: () => ({ query: { payload: [cond("shoe_size", "equal_to", ["9"])] } }),
    field: "query.attribute_key",
    says: "shoe_size",
  },
  {
    name: "custom filter update: a type its conditions do not fit",
    handler: customFilterRoute.PATCH,
    method: "PATCH",
    params: (ids) => ({ customFilterId: String(ids.customFilterId) }),
    body: () => ({ filter_type: "contact" }),
    field: "query.payload",
  },

  // Bulk actions (WF5)
  { name: "bulk: another type", handler: bulkRoute.POST, method: "POST", body: (ids) => ({ type: "Contact", ids: [ids.conversation.displayId], fields: { status: "resolved" } }), field: "type" },
  { name: "bulk: no ids", handler: bulkRoute.POST, method: "POST", body: () => ({ type: "Conversation", ids: [], fields: { status: "resolved" } }), field: "ids" },
  {
    name: "bulk: more than 1,000 ids",
    handler: bulkRoute.POST,
    method: "POST",
    body: () => ({ type: "Conversation", ids: Array.from({ length: 1001 }, (_, i) => i + 1), fields: { status: "resolved" } }),
    field: "ids",
  },
  {
    name: "bulk: a status that is none",
    handler: bulkRoute.POST,
    method: "POST",
    body: (ids) => ({ type: "Conversation", ids: [ids.conversation.displayId], fields: { status: "closed" } }),
    field: "status",
  },
  {
    name: "bulk: an unknown team",
    handler: bulkRoute.POST,
    method: "POST",
    body: (ids) => ({ type: "Conversation", ids: [ids.conversation.displayId], fields: { team_id: 99_999_999 } }),
    field: "team_id",
  },
  {
    name: "bulk: an unknown label",
    handler: bulkRoute.POST,
    method: "POST",
    body: (ids) => ({ type: "Conversation", ids: [ids.conversation.displayId], labels: { add: ["no-such-label"] } }),
    field: "labels",
  },
  {
    name: "bulk: an assignee that is not an id",
    handler: bulkRoute.POST,
    method: "POST",
    body: (ids) => ({ type: "Conversation", ids: [ids.conversation.displayId], fields: { assignee_id: "me" } }),
    field: "assignee_id",
  },

  // Notifications (NT1, NT4)
  { name: "notifications: page 0", handler: notificationsRoute.GET, method: "GET", query: "page=0", field: "page" },
  { name: "read_all: another actor type", handler: readAllRoute.POST, method: "POST", body: () => ({ primary_actor_type: "Contact", primary_actor_id: 1 }), field: "primary_actor_type" },
  {
    name: "read_all: an actor id that is not an id",
    handler: readAllRoute.POST,
    method: "POST",
    body: () => ({ primary_actor_type: "Conversation", primary_actor_id: "x" }),
    field: "primary_actor_id",
  },
  {
    name: "notification settings: an unknown flag",
    handler: settingsRoute.PATCH,
    method: "PATCH",
    body: () => ({ notification_settings: { selected_push_flags: ["push_everything"] } }),
    field: "selected_push_flags.0",
  },
  {
    name: "notification settings: flags not a list",
    handler: settingsRoute.PATCH,
    method: "PATCH",
    body: () => ({ selected_email_flags: "email_conversation_mention" }),
    field: "selected_email_flags",
  },

  // Macros (MA1, MA2)
  {
    name: "macros: an unknown action",
    handler: macrosRoute.POST,
    method: "POST",
    body: () => ({ name: "x", actions: [{ action_name: "launch_rocket", action_params: [] }] }),
    field: "actions.0.action_name",
  },
  {
    name: "macros: a bad visibility",
    handler: macrosRoute.POST,
    method: "POST",
    body: () => ({ name: "x", visibility: "team", actions: [{ action_name: "resolve_conversation" }] }),
    field: "visibility",
  },
  {
    name: "macros: a priority that is none",
    handler: macrosRoute.POST,
    method: "POST",
    body: () => ({ name: "x", actions: [{ action_name: "change_priority", action_params: ["critical"] }] }),
    field: "actions.0.action_params.0",
  },
  {
    name: "macros: an empty message",
    handler: macrosRoute.POST,
    method: "POST",
    body: () => ({ name: "x", actions: [{ action_name: "send_message", action_params: [" "] }] }),
    field: "actions.0.action_params.0",
  },
  {
    name: "macro update: an agent id that is not one",
    handler: macroRoute.PATCH,
    method: "PATCH",
    params: (ids) => ({ macroId: String(ids.macroId) }),
    body: () => ({ actions: [{ action_name: "assign_agent", action_params: ["someone"] }] }),
    field: "actions.0.action_params.0",
  },
  { name: "execute: no conversation_ids", handler: executeRoute.POST, method: "POST", params: (ids) => ({ macroId: String(ids.macroId) }), body: () => ({}), field: "conversation_ids" },
  {
    name: "execute: more than 1,000 conversations",
    handler: executeRoute.POST,
    method: "POST",
    params: (ids) => ({ macroId: String(ids.macroId) }),
    body: () => ({ conversation_ids: Array.from({ length: 1001 }, (_, i) => i + 1) }),
    field: "conversation_ids",
  },

  // Automation rules (MA3)
  { name: "rules: an unknown event", handler: rulesRoute.POST, method: "POST", body: () => ({ ...rule, event_name: "contact_created" }), field: "event_name" },
  { name: "rules: no actions", handler: rulesRoute.POST, method: "POST", body: () => ({ ...rule, actions: [] }), field: "actions" },
  {
    name: "rules: a message condition on a conversation event",
    handler: rulesRoute.POST,
    method: "POST",
    body: () => ({ ...rule, conditions: [cond("content", "contains", ["refund"])] }),
    field: "conditions.0.attribute_key",
  },
  {
    name: "rules: an unknown attribute",
    handler: rulesRoute.POST,
    method: "POST",
    body: () => ({ ...rule, conditions: [cond("shoe_size", "equal_to", ["9"])] }),
    field: "conditions.0.attribute_key",
    says: "shoe_size",
  },
  {
    name: "rules: a message type that is none",
    handler: rulesRoute.POST,
    method: "POST",
    body: () => ({ ...rule, event_name: "message_created", conditions: [cond("message_type", "equal_to", ["shout"])] }),
    field: "conditions.0.values.0",
  },
  {
    name: "rules: a team that is not an id",
    handler: rulesRoute.POST,
    method: "POST",
    body: () => ({ ...rule, conditions: [cond("team_id", "equal_to", ["sales"])] }),
    field: "conditions.0.values.0",
  },
  {
    name: "rules: a bad query_operator",
    handler: rulesRoute.POST,
    method: "POST",
    body: () => ({ ...rule, conditions: [cond("status", "equal_to", ["open"], { query_operator: "xor" })] }),
    field: "conditions.0.query_operator",
  },
  {
    name: "rules: a created_at that is not a date",
    handler: rulesRoute.POST,
    method: "POST",
    body: () => ({ ...rule, conditions: [cond("created_at", "is_greater_than", ["yesterday-ish"])] }),
    field: "conditions.0.values.0",
    says: "dates",
  },
  {
    name: "rules: days_before that is not a number of days",
    handler: rulesRoute.POST,
    method: "POST",
    body: () => ({ ...rule, conditions: [cond("last_activity_at", "days_before", ["-2"])] }),
    field: "conditions.0.values.0",
    says: "days",
  },
  {
    name: "rules: an operator a date does not take",
    handler: rulesRoute.POST,
    method: "POST",
    body: () => ({ ...rule, conditions: [cond("created_at", "equal_to", ["2026-01-01"])] }),
    field: "conditions.0.filter_operator",
  },
  {
    name: "rule update: a date that is not one",
    handler: ruleRoute.PATCH,
    method: "PATCH",
    params: (ids) => ({ ruleId: String(ids.ruleId) }),
    body: () => ({ conditions: [cond("last_activity_at", "is_less_than", ["2026-13-45"])] }),
    field: "conditions.0.values.0",
  },
  { name: "rules: active not a boolean", handler: rulesRoute.POST, method: "POST", body: () => ({ ...rule, active: "yes" }), field: "active" },
  {
    name: "rule update: a message condition on the rule's conversation event",
    handler: ruleRoute.PATCH,
    method: "PATCH",
    params: (ids) => ({ ruleId: String(ids.ruleId) }),
    body: () => ({ conditions: [cond("message_type", "equal_to", ["incoming"])] }),
    field: "conditions.0.attribute_key",
  },
  {
    name: "rule update: snooze takes no parameters",
    handler: ruleRoute.PATCH,
    method: "PATCH",
    params: (ids) => ({ ruleId: String(ids.ruleId) }),
    body: () => ({ actions: [{ action_name: "snooze_conversation", action_params: ["1h"] }] }),
    field: "actions.0.action_params",
  },
];
