import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contacts, conversations, type CustomAttributeDefinition } from "@/db/schema";
import { listDefinitions } from "@/lib/custom-attributes/definitions";
import { AppError } from "@/lib/errors";
import { INT4_MAX } from "@/lib/validation";
import { DATE_VALUE_MESSAGE, DAYS_VALUE_MESSAGE, parseDateValue, parseDaysBefore } from "./filter-dates";
import { CONVERSATION_SORTS } from "./list-order";

/** Chatwoot's filter operators that Parley understands (lib/filters/filter_keys.yml). */
export const FILTER_OPERATORS = ["equal_to", "not_equal_to", "contains", "does_not_contain", "is_present", "is_not_present", "is_greater_than", "is_less_than", "days_before"] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One condition as the wire carries it; the operator is checked per attribute (a 422 naming both). */
const condition = z.object({
  attribute_key: z.string().min(1, "can't be blank").max(64),
  filter_operator: z.string().min(1, "can't be blank").max(64),
  values: z
    .array(z.union([z.string().max(255), z.number(), z.boolean(), z.null()]))
    .max(50)
    .default([]),
  query_operator: z.enum(["and", "or", "AND", "OR"]).nullish(),
  attribute_model: z.string().max(64).nullish(),
  custom_attribute_type: z.string().max(64).nullish(),
});
export type ConversationFilterCondition = z.output<typeof condition>;

/** `POST /conversations/filter` body: `{ payload: [conditions…] }`, 1–20 conditions. */
export const conversationFilterSchema = z.object({ payload: z.array(condition).min(1, "can't be blank").max(20, "at most 20 conditions") });
export const conversationFilterQuerySchema = z.object({
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "must be a positive integer")
    .optional(),
  // Parley additions, as the list's GET: the operator app pages a saved view by keyset and sorts it.
  cursor: z.string().max(1000).optional(),
  sort_by: z.enum(CONVERSATION_SORTS).catch("last_activity_at_desc"),
});

type Kind = "status" | "priority" | "id" | "labels" | "number" | "date" | "text" | "boolean";
const OPS: Record<Kind, readonly FilterOperator[]> = {
  status: ["equal_to", "not_equal_to"],
  priority: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  id: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  labels: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  number: ["equal_to", "not_equal_to", "is_greater_than", "is_less_than", "is_present", "is_not_present"],
  date: ["is_greater_than", "is_less_than", "days_before", "is_present", "is_not_present"],
  text: ["equal_to", "not_equal_to", "contains", "does_not_contain", "is_present", "is_not_present"],
  boolean: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
};
const STATUSES = ["open", "pending", "resolved", "snoozed"];
const PRIORITIES = ["low", "medium", "high", "urgent"];

/**
 * `native`: the column has the kind's own SQL type (compared as is, so an index can serve it), not JSON
 * text. `storedLower`: a CHECK constraint keeps the column lower-case, so matching lowers only the value.
 */
type Attribute = { column: SQL; kind: Kind; contact?: boolean; ci?: boolean; native?: boolean; storedLower?: boolean };
const c = conversations;
/** The standard attributes (Chatwoot's conversation filter keys plus the contact's name/email/phone). */
const STANDARD: Record<string, Attribute> = {
  // Enum columns compared as the enum (the values are checked against its labels first), so the
  // list's status indexes serve them; a ::text cast would hide every index.
  status: { column: sql`${c.status}`, kind: "status", native: true },
  assignee_id: { column: sql`${c.assigneeId}`, kind: "id", native: true },
  inbox_id: { column: sql`${c.inboxId}`, kind: "id", native: true },
  team_id: { column: sql`${c.teamId}`, kind: "id", native: true },
  labels: { column: sql`${c.labels}`, kind: "labels" },
  priority: { column: sql`${c.priority}`, kind: "priority", native: true },
  display_id: { column: sql`${c.displayId}`, kind: "number", native: true },
  created_at: { column: sql`${c.createdAt}`, kind: "date", native: true },
  last_activity_at: { column: sql`${c.lastActivityAt}`, kind: "date", native: true },
  browser_language: { column: sql`${c.additionalAttributes}->>'browser_language'`, kind: "text", ci: true },
  referer: { column: sql`${c.additionalAttributes}->>'referer'`, kind: "text", ci: true },
  name: { column: sql`${contacts.name}`, kind: "text", contact: true, ci: true },
  // contacts_email_lower: a contact's email is stored lower-case; lower() on 80k rows tripled the match's cost.
  email: { column: sql`${contacts.email}`, kind: "text", contact: true, ci: true, storedLower: true },
  phone_number: { column: sql`${contacts.phoneNumber}`, kind: "text", contact: true },
};
/** The attribute keys the builder offers, in its order (custom attributes follow from the definitions). */
export const STANDARD_FILTER_ATTRIBUTES = Object.keys(STANDARD);
export const operatorsFor = (key: string): readonly FilterOperator[] => OPS[STANDARD[key]?.kind ?? "text"];

const KIND_OF_TYPE: Record<CustomAttributeDefinition["attributeDisplayType"], Kind> = { text: "text", link: "text", list: "text", number: "number", date: "date", checkbox: "boolean" };
const escapeLike = (v: string) => v.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export type CompiledFilter = { where: SQL; joinsContact: boolean };

/**
 * The WHERE of a Chatwoot conversation filter (WF3). Conditions are joined by each one's
 * `query_operator` in order with SQL's precedence (AND before OR), as Chatwoot builds its string.
 * An unknown attribute, an operator the attribute does not take, or a value of the wrong kind is a
 * 422 naming the condition and what is wrong — never SQL: every value is a bound parameter.
 * Custom attributes are the account's definitions: conversation attributes by key, contact
 * attributes when `attribute_model` says `contact_attribute` (or the key is only a contact's).
 */
export function compileConversationFilter(conditions: ConversationFilterCondition[], definitions: CustomAttributeDefinition[]): CompiledFilter {
  let joinsContact = false;
  const parts = conditions.map((cond, i) => {
    const bad = (field: string, why: string) => AppError.validation({ [field]: [`condition ${i + 1} (${cond.attribute_key}): ${why}`] });
    let attr = STANDARD[cond.attribute_key];
    if (!attr) {
      const wantContact = cond.attribute_model === "contact_attribute" || cond.attribute_model === "customer_attributes";
      const def =
        definitions.find((d) => d.attributeKey === cond.attribute_key && (wantContact ? d.attributeModel === "contact_attribute" : d.attributeModel === "conversation_attribute")) ??
        definitions.find((d) => d.attributeKey === cond.attribute_key);
      if (!def) throw AppError.validation({ attribute_key: [`condition ${i + 1}: unknown attribute ${cond.attribute_key}`] });
      const contact = def.attributeModel === "contact_attribute";
      attr = {
        column: contact ? sql`${contacts.customAttributes}->>${def.attributeKey}` : sql`${c.customAttributes}->>${def.attributeKey}`,
        kind: KIND_OF_TYPE[def.attributeDisplayType],
        contact,
        ci: true,
      };
    }
    if (!(FILTER_OPERATORS as readonly string[]).includes(cond.filter_operator)) throw bad("filter_operator", `unknown operator ${cond.filter_operator}`);
    const op = cond.filter_operator as FilterOperator;
    if (!OPS[attr.kind].includes(op)) throw bad("filter_operator", `${op} does not apply; use one of ${OPS[attr.kind].join(", ")}`);
    if (attr.contact) joinsContact = true;
    return one(attr, op, cond.values, (why) => bad("values", why));
  });
  let out = sql`(${parts[0]!})`;
  for (let i = 1; i < parts.length; i++) {
    const joiner = (conditions[i - 1]!.query_operator ?? "and").toLowerCase() === "or" ? sql` or ` : sql` and `;
    out = sql`${out}${joiner}(${parts[i]!})`;
  }
  return { where: sql`(${out})`, joinsContact };
}

function one(attr: Attribute, op: FilterOperator, values: ConversationFilterCondition["values"], bad: (why: string) => AppError): SQL {
  const raw = attr.column;
  const present = values.filter((v): v is string | number | boolean => v !== null && v !== "");
  if (attr.kind === "labels") {
    if (op === "is_present") return sql`cardinality(${raw}) > 0`;
    if (op === "is_not_present") return sql`cardinality(${raw}) = 0`;
    if (!present.length) throw bad(`${op} needs at least one label`);
    const list = sql`array[${sql.join(
      present.map((v) => sql`${String(v).toLowerCase()}`),
      sql`, `,
    )}]::text[]`;
    // Any of the labels (Chatwoot's `labels[]`); the GIN index on labels serves `&&`.
    return op === "equal_to" ? sql`${raw} && ${list}` : sql`not (${raw} && ${list})`;
  }
  // A column of its own type is present when it is not null (as its indexes see it); JSON text also
  // when it is not empty.
  if (op === "is_present") return attr.native ? sql`${raw} is not null` : sql`coalesce(${raw}::text, '') <> ''`;
  if (op === "is_not_present") return attr.native ? sql`${raw} is null` : sql`coalesce(${raw}::text, '') = ''`;
  if (!present.length) throw bad(`${op} needs a value`);
  const first = present[0]!;
  const inList = (vals: SQL[]) => sql.join(vals, sql`, `);
  switch (attr.kind) {
    case "status":
    case "priority": {
      const allowed = attr.kind === "status" ? STATUSES : PRIORITIES;
      const wrong = present.find((v) => !allowed.includes(String(v)));
      if (wrong !== undefined) throw bad(`${String(wrong)} is not one of ${allowed.join(", ")}`);
      const list = inList(present.map((v) => sql`${String(v)}`));
      return op === "equal_to" ? sql`${raw} in (${list})` : sql`(${raw} is null or ${raw} not in (${list}))`;
    }
    case "id": {
      const ids = present.map((v) => (typeof v === "number" ? v : /^\d{1,10}$/.test(String(v)) ? Number(v) : NaN));
      if (ids.some((n) => !Number.isInteger(n) || n < 1 || n > INT4_MAX)) throw bad("values must be ids");
      const list = inList(ids.map((n) => sql`${n}::int`));
      return op === "equal_to" ? sql`${raw} in (${list})` : sql`(${raw} is null or ${raw} not in (${list}))`;
    }
    case "number": {
      const nums = present.map((v) => (typeof v === "number" ? v : String(v).trim() === "" ? NaN : Number(v)));
      if (nums.some((n) => !Number.isFinite(n))) throw bad("values must be numbers");
      const typed = attr.native ? raw : sql`(case when (${raw})::text ~ '^-?[0-9]+(\\.[0-9]+)?$' then (${raw})::text::numeric end)`;
      const v = sql`${String(nums[0])}::numeric`;
      if (op === "equal_to") return sql`${typed} in (${inList(nums.map((n) => sql`${String(n)}::numeric`))})`;
      if (op === "not_equal_to") return sql`(${typed} is null or ${typed} not in (${inList(nums.map((n) => sql`${String(n)}::numeric`))}))`;
      return op === "is_greater_than" ? sql`${typed} > ${v}` : sql`${typed} < ${v}`;
    }
    case "date": {
      const typed = attr.native ? raw : sql`(case when (${raw})::text ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' then (${raw})::text::timestamptz end)`;
      if (op === "days_before") {
        const days = parseDaysBefore(first);
        if (days === null) throw bad(DAYS_VALUE_MESSAGE);
        return sql`${typed} < now() - make_interval(days => ${days}::int)`;
      }
      const at = parseDateValue(first);
      if (!at) throw bad(DATE_VALUE_MESSAGE);
      const v = sql`${at.toISOString()}::timestamptz`;
      return op === "is_greater_than" ? sql`${typed} > ${v}` : sql`${typed} < ${v}`;
    }
    case "boolean": {
      const b = first === true || first === "true";
      if (op === "equal_to") return sql`coalesce((${raw})::boolean, false) = ${b}`;
      return sql`coalesce((${raw})::boolean, false) <> ${b}`;
    }
    case "text": {
      const lowered = attr.storedLower ? raw : sql`lower(${raw})`;
      const col = attr.ci ? lowered : raw;
      const val = (x: string | number | boolean) => (attr.ci ? String(x).toLowerCase() : String(x));
      if (op === "equal_to") return sql`${col} in (${inList(present.map((x) => sql`${val(x)}`))})`;
      if (op === "not_equal_to") return sql`coalesce(${col}, '') not in (${inList(present.map((x) => sql`${val(x)}`))})`;
      // lower() … like lower(…) rather than ilike: the same match, about three times cheaper per row
      // (a contact condition is evaluated on every contact the account has).
      const pattern = sql`lower(${`%${escapeLike(String(first))}%`})`;
      if (op === "contains") return sql`${lowered} like ${pattern}`;
      return sql`coalesce(${lowered}, '') not like ${pattern}`;
    }
  }
  throw bad(`${op} does not apply`);
}

/** Compiles a payload against the account's custom attribute definitions (one small query). */
export async function conversationFilterWhere(db: Db, accountId: number, conditions: ConversationFilterCondition[]): Promise<CompiledFilter> {
  const definitions = await listDefinitions(db, { accountId });
  return compileConversationFilter(conditions, definitions);
}
