import { z } from "zod";
import { conversationStatusEnum, priorityEnum } from "@/db/schema/enums";
import { isLookupKey, noNul, NUL_MESSAGE, recordId, requiredText, tooLong, trimmedText } from "@/lib/validation";
import { DATE_VALUE_MESSAGE, DAYS_VALUE_MESSAGE, parseDateValue, parseDaysBefore } from "@/lib/conversations/filter-dates";
import {
  AUTOMATION_EVENTS,
  CONDITION_ATTRIBUTES,
  DATE_ATTRIBUTES,
  DATE_OPERATORS,
  FILTER_OPERATORS,
  MACRO_ACTIONS,
  MESSAGE_ATTRIBUTES,
  ONLY_DATE_OPERATORS,
  VISIBILITIES,
  type ActionName,
} from "./workflow-names";

const text = (max: number) =>
  z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().trim().min(1, "can't be blank").max(max, tooLong(max)).refine(noNul, NUL_MESSAGE));
const label = z.string().trim().min(1).max(255).toLowerCase().refine(noNul, NUL_MESSAGE);
const none = z.array(z.unknown()).max(0, "takes no parameters").default([]);

/** Each action's parameters (Chatwoot's `action_params` arrays), normalised. */
const PARAMS: Record<ActionName, z.ZodType<unknown[]>> = {
  assign_agent: z.tuple([z.union([recordId, z.literal("nil")])]),
  assign_team: z.tuple([z.union([recordId, z.literal("nil")])]),
  add_label: z.array(label).min(1, "name at least one label").max(20),
  remove_label: z.array(label).min(1, "name at least one label").max(20),
  change_status: z.tuple([z.enum(conversationStatusEnum.enumValues, "is not a status")]),
  change_priority: z.tuple([z.union([z.enum(priorityEnum.enumValues, "is not a priority"), z.literal("nil")])]),
  send_message: z.tuple([text(10_000)]),
  add_private_note: z.tuple([text(10_000)]),
  resolve_conversation: none,
  open_conversation: none,
  snooze_conversation: none,
};

export const actionSchema = z
  .object({ action_name: z.enum(MACRO_ACTIONS, `must be one of ${MACRO_ACTIONS.join(", ")}`), action_params: z.array(z.unknown()).max(50).default([]) })
  .transform((a, ctx) => {
    const parsed = PARAMS[a.action_name].safeParse(a.action_params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: `${a.action_name}: ${issue.message}`, path: ["action_params", ...issue.path] });
      return z.NEVER;
    }
    return { action_name: a.action_name, action_params: parsed.data };
  });
export type Action = z.output<typeof actionSchema>;

const actions = z.array(actionSchema, "must be a list of actions").min(1, "can't be blank").max(20);

const unwrap = (key: string) => (v: unknown) => {
  if (typeof v !== "object" || v === null) return v;
  const inner = (v as Record<string, unknown>)[key];
  return typeof inner === "object" && inner !== null && !Array.isArray(inner) ? { ...v, ...inner } : v;
};

// Update schemas list their fields without defaults: an absent field is left as it is.
const macroFields = z.object({
  name: requiredText(255),
  visibility: z.enum(VISIBILITIES, "must be personal or global"),
  actions,
});
export const macroSchema = z.preprocess(unwrap("macro"), macroFields.extend({ visibility: macroFields.shape.visibility.default("personal") }));
export const macroUpdateSchema = z.preprocess(unwrap("macro"), macroFields.partial());
export type MacroInput = z.output<typeof macroSchema>;

const ALLOWED_VALUES: Record<string, readonly string[]> = {
  status: conversationStatusEnum.enumValues,
  priority: priorityEnum.enumValues,
  message_type: ["incoming", "outgoing", "0", "1"],
};
const ID_ATTRIBUTES = ["assignee_id", "inbox_id", "team_id", "display_id"];
const value = z.union([z.string().max(1000).refine(noNul, NUL_MESSAGE), z.number(), z.boolean()]);
export const conditionSchema = z
  .object({
    attribute_key: z.string().max(255).refine(noNul, NUL_MESSAGE),
    filter_operator: z.enum(FILTER_OPERATORS, `must be one of ${FILTER_OPERATORS.join(", ")}`),
    values: z.array(value).max(100).default([]),
    query_operator: z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(["and", "or"], "must be and or or"))
      .nullish(),
    custom_attribute_type: z.string().max(50).optional(),
  })
  .superRefine((c, ctx) => {
    const known = (CONDITION_ATTRIBUTES as readonly string[]).includes(c.attribute_key);
    // Anything else is a custom attribute key (conversation's, then contact's), as Chatwoot's filters.
    if (!known && !isLookupKey(c.attribute_key)) ctx.addIssue({ code: "custom", path: ["attribute_key"], message: `is not a known attribute: ${c.attribute_key}` });
    const presence = c.filter_operator === "is_present" || c.filter_operator === "is_not_present";
    if (!presence && c.values.length === 0) ctx.addIssue({ code: "custom", path: ["values"], message: "can't be blank" });
    // Dates read as the filter reads them (lib/conversations/filter-dates.ts): each value is checked.
    if (DATE_ATTRIBUTES.includes(c.attribute_key)) {
      if (!DATE_OPERATORS.includes(c.filter_operator)) {
        ctx.addIssue({ code: "custom", path: ["filter_operator"], message: `${c.filter_operator} does not apply to ${c.attribute_key}; use one of ${DATE_OPERATORS.join(", ")}` });
        return;
      }
      const days = c.filter_operator === "days_before";
      if (ONLY_DATE_OPERATORS.includes(c.filter_operator))
        c.values.forEach((v, i) => {
          if ((days ? parseDaysBefore(v) : parseDateValue(v)) === null) ctx.addIssue({ code: "custom", path: ["values", i], message: days ? DAYS_VALUE_MESSAGE : DATE_VALUE_MESSAGE });
        });
      return;
    }
    if (ONLY_DATE_OPERATORS.includes(c.filter_operator)) {
      ctx.addIssue({ code: "custom", path: ["filter_operator"], message: `${c.filter_operator} applies to ${DATE_ATTRIBUTES.join(" and ")} only` });
      return;
    }
    const allowed = ALLOWED_VALUES[c.attribute_key];
    c.values.forEach((v, i) => {
      if (allowed && !allowed.includes(String(v))) ctx.addIssue({ code: "custom", path: ["values", i], message: `must be one of ${allowed.join(", ")}` });
      if (ID_ATTRIBUTES.includes(c.attribute_key) && !/^\d{1,10}$/.test(String(v))) ctx.addIssue({ code: "custom", path: ["values", i], message: "must be an id" });
    });
  });
export type Condition = z.output<typeof conditionSchema>;

const ruleFields = z.object({
  name: requiredText(255),
  description: trimmedText(1000).nullish(),
  event_name: z.enum(AUTOMATION_EVENTS, `must be one of ${AUTOMATION_EVENTS.join(", ")}`),
  conditions: z.array(conditionSchema, "must be a list of conditions").max(20),
  actions,
  active: z.boolean(),
});
const messageOnly = (r: { event_name?: string; conditions?: Condition[] }, ctx: z.RefinementCtx) => {
  if (!r.event_name || r.event_name === "message_created") return;
  r.conditions?.forEach((c, i) => {
    if (MESSAGE_ATTRIBUTES.includes(c.attribute_key)) ctx.addIssue({ code: "custom", path: ["conditions", i, "attribute_key"], message: `${c.attribute_key} applies to message_created only` });
  });
};
export const automationRuleSchema = z.preprocess(
  unwrap("automation_rule"),
  ruleFields.extend({ conditions: ruleFields.shape.conditions.default([]), active: ruleFields.shape.active.default(true) }).superRefine(messageOnly),
);
export const automationRuleUpdateSchema = z.preprocess(unwrap("automation_rule"), ruleFields.partial().superRefine(messageOnly));
export type AutomationRuleInput = z.output<typeof automationRuleSchema>;

export const executeMacroSchema = z.object({ conversation_ids: z.array(recordId, "must be a list of conversation ids").min(1, "can't be blank").max(1000, "at most 1000 at once") });
