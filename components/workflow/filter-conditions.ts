/**
 * The filter builder's model (WF3/WF4): Chatwoot's conversation filter conditions as the operator app
 * builds, sends (POST /conversations/filter) and saves them (custom_filters), the operators each kind
 * of attribute takes (mirroring lib/conversations/filter-conversations.ts, which has the last word),
 * and the three-valued match the live list uses to place a conversation an event brings.
 */
export type FilterCondition = {
  attribute_key: string;
  filter_operator: string;
  values: (string | number)[];
  /** How this condition joins the next one; the last one's is ignored. */
  query_operator: "and" | "or" | null;
  attribute_model?: string;
};

export type AttributeKind = "status" | "priority" | "agent" | "inbox" | "team" | "labels" | "number" | "date" | "text" | "boolean";

const OPS: Record<AttributeKind, readonly string[]> = {
  status: ["equal_to", "not_equal_to"],
  priority: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  agent: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  inbox: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  team: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  labels: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  number: ["equal_to", "not_equal_to", "is_greater_than", "is_less_than", "is_present", "is_not_present"],
  date: ["is_greater_than", "is_less_than", "days_before", "is_present", "is_not_present"],
  text: ["equal_to", "not_equal_to", "contains", "does_not_contain", "is_present", "is_not_present"],
  boolean: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
};

/** The standard attributes, in the builder's order. */
export const STANDARD_ATTRIBUTES: { key: string; kind: AttributeKind }[] = [
  { key: "status", kind: "status" },
  { key: "assignee_id", kind: "agent" },
  { key: "inbox_id", kind: "inbox" },
  { key: "team_id", kind: "team" },
  { key: "labels", kind: "labels" },
  { key: "priority", kind: "priority" },
  { key: "display_id", kind: "number" },
  { key: "created_at", kind: "date" },
  { key: "last_activity_at", kind: "date" },
  { key: "name", kind: "text" },
  { key: "email", kind: "text" },
  { key: "phone_number", kind: "text" },
];

/** An account's custom attribute definition as the builder offers it. */
export type CustomAttribute = { key: string; name: string; type: "text" | "link" | "list" | "number" | "date" | "checkbox"; model: "conversation_attribute" | "contact_attribute" };

export const kindOfCustom = (type: CustomAttribute["type"]): AttributeKind => (type === "number" ? "number" : type === "date" ? "date" : type === "checkbox" ? "boolean" : "text");

export const operatorsFor = (kind: AttributeKind): readonly string[] => OPS[kind];
export const takesValue = (operator: string) => operator !== "is_present" && operator !== "is_not_present";

export const STATUS_VALUES = ["open", "pending", "resolved", "snoozed"] as const;
export const PRIORITY_VALUES = ["low", "medium", "high", "urgent"] as const;

/** The condition a new row starts with. */
export const newCondition = (): FilterCondition => ({ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "and" });

/**
 * The 422 of the filter (or of saving it) says "condition N (key): why" per field: the message of each
 * row, by index, and what names no row.
 */
export function rowErrors(fields: Record<string, string[]>, fallback: string): { rows: Map<number, string>; general: string | null } {
  const rows = new Map<number, string>();
  let general: string | null = null;
  for (const messages of Object.values(fields)) {
    for (const m of messages) {
      const at = /condition (\d+)/.exec(m);
      if (at) rows.set(Number(at[1]) - 1, m);
      else general ??= m;
    }
  }
  if (!rows.size && !general) general = fallback;
  return { rows, general };
}

/** The fields of a list row that conditions can be checked against on the client. */
export type Matchable = { id: number; status: string; priority: string | null; inboxId: number; assigneeId: number | null; teamId?: number | null; labels?: string[] };

function idCondition(value: number | null | undefined, c: FilterCondition): boolean | null {
  const v = value ?? null;
  const ids = c.values.map(Number);
  switch (c.filter_operator) {
    case "equal_to":
      return v !== null && ids.includes(v);
    case "not_equal_to":
      return v === null || !ids.includes(v);
    case "is_present":
      return v !== null;
    case "is_not_present":
      return v === null;
  }
  return null;
}

/** One condition on a row: true, false, or null when the row does not carry what it asks (contact, dates, custom attributes). */
export function conditionMatches(row: Matchable, c: FilterCondition): boolean | null {
  const values = c.values.map(String);
  switch (c.attribute_key) {
    case "status":
      return c.filter_operator === "equal_to" ? values.includes(row.status) : c.filter_operator === "not_equal_to" ? !values.includes(row.status) : null;
    case "priority":
      if (c.filter_operator === "is_present") return row.priority !== null;
      if (c.filter_operator === "is_not_present") return row.priority === null;
      return c.filter_operator === "equal_to" ? values.includes(row.priority ?? "") : c.filter_operator === "not_equal_to" ? !values.includes(row.priority ?? "") : null;
    case "assignee_id":
      return idCondition(row.assigneeId, c);
    case "inbox_id":
      return idCondition(row.inboxId, c);
    case "team_id":
      return row.teamId === undefined ? null : idCondition(row.teamId, c);
    case "display_id":
      return c.filter_operator === "is_greater_than" ? row.id > Number(c.values[0]) : c.filter_operator === "is_less_than" ? row.id < Number(c.values[0]) : idCondition(row.id, c);
    case "labels": {
      if (row.labels === undefined) return null;
      const any = row.labels.some((l) => values.includes(l));
      if (c.filter_operator === "equal_to") return any;
      if (c.filter_operator === "not_equal_to") return !any;
      if (c.filter_operator === "is_present") return row.labels.length > 0;
      if (c.filter_operator === "is_not_present") return row.labels.length === 0;
      return null;
    }
  }
  return null;
}

/**
 * The whole filter on a row, with the server's precedence (AND binds tighter than OR) in three-valued
 * logic: null means the row does not say, and the list then keeps a row it holds and adds none.
 */
export function conditionsMatch(row: Matchable, conditions: FilterCondition[]): boolean | null {
  const groups: (boolean | null)[][] = [[]];
  conditions.forEach((c, i) => {
    groups.at(-1)!.push(conditionMatches(row, c));
    if (i < conditions.length - 1 && (c.query_operator ?? "and").toLowerCase() === "or") groups.push([]);
  });
  const and = (xs: (boolean | null)[]) => (xs.includes(false) ? false : xs.includes(null) ? null : true);
  const results = groups.map(and);
  return results.includes(true) ? true : results.includes(null) ? null : false;
}

/** A saved view (a custom filter of filter_type conversation) as the sidebar and the list use it. */
export type SavedView = { id: number; name: string; conditions: FilterCondition[] };

/** A custom filter as the API answers it, as a SavedView (its stored conditions were checked when saved). */
export function toSavedView(f: { id: number; name: string; query: { payload?: unknown } }): SavedView {
  return { id: f.id, name: f.name, conditions: Array.isArray(f.query?.payload) ? (f.query.payload as FilterCondition[]) : [] };
}
