import { readFilterParam, writeFilterParam } from "@/components/workflow/filter-param";

/** Where the contacts list reads from: all resolved contacts, a text search, or a filter (Chatwoot's payload). */
export type Condition = { attribute_key: string; filter_operator: string; values: (string | number | boolean)[]; query_operator: "and" | "or" };
export type ListSource = { kind: "all" } | { kind: "search"; q: string } | { kind: "filter"; conditions: Condition[] };

export const SORT_KEYS = ["name", "email", "phone_number", "company", "city", "last_activity_at", "created_at"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortState = { key: SortKey; desc: boolean };

/** The request for one page: GET /contacts, GET /contacts/search, or POST /contacts/filter. */
export function pageRequest(source: ListSource, sort: SortState, page: number): { path: string; json?: unknown } {
  const q = new URLSearchParams({ page: String(page), sort: `${sort.desc ? "-" : ""}${sort.key}`, include_contact_inboxes: "false" });
  if (source.kind === "filter") return { path: `/contacts/filter?page=${page}`, json: { payload: source.conditions } };
  if (source.kind === "search") {
    q.set("q", source.q);
    return { path: `/contacts/search?${q.toString()}` };
  }
  return { path: `/contacts?${q.toString()}` };
}

export type AttributeKind = "text" | "number" | "date" | "boolean";
export const OPERATORS: Record<AttributeKind, string[]> = {
  text: ["equal_to", "not_equal_to", "contains", "does_not_contain", "starts_with", "is_present", "is_not_present"],
  number: ["equal_to", "not_equal_to", "is_greater_than", "is_less_than", "is_present", "is_not_present"],
  date: ["is_greater_than", "is_less_than", "days_before", "is_present", "is_not_present"],
  boolean: ["equal_to", "not_equal_to"],
};
export const STANDARD_FILTER_KEYS: { key: string; kind: AttributeKind }[] = [
  { key: "name", kind: "text" },
  { key: "email", kind: "text" },
  { key: "phone_number", kind: "text" },
  { key: "identifier", kind: "text" },
  { key: "company", kind: "text" },
  { key: "city", kind: "text" },
  { key: "country_code", kind: "text" },
  { key: "created_at", kind: "date" },
  { key: "last_activity_at", kind: "date" },
  { key: "blocked", kind: "boolean" },
];

export const needsValue = (op: string) => op !== "is_present" && op !== "is_not_present";

/** The conditions the builder sends: blank values dropped where an operator needs none. */
export function payloadOf(conditions: Condition[]): Condition[] {
  return conditions.map((c, i) => ({
    attribute_key: c.attribute_key,
    filter_operator: c.filter_operator,
    values: needsValue(c.filter_operator) ? c.values : [],
    query_operator: i === conditions.length - 1 ? "and" : c.query_operator,
  }));
}

/**
 * The contacts list's filter in the URL (K5, as the operator app's U1): a saved filter is `?filter_id=`,
 * an unsaved one `?filter=` (Chatwoot's payload as JSON, components/workflow/filter-param.ts), so a
 * reload, a link and back/forward keep it. A saved filter wins; anything malformed reads as none.
 */
export type ContactsPlace = { filterId: number | null; conditions: Condition[] | null };

export function parseContactsPlace(params: { get(name: string): string | null }): ContactsPlace {
  const raw = params.get("filter_id");
  const filterId = raw && /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
  if (filterId !== null) return { filterId, conditions: null };
  const read = readFilterParam(params.get("filter"));
  return { filterId: null, conditions: read && read.map((c) => ({ attribute_key: c.attribute_key, filter_operator: c.filter_operator, values: c.values, query_operator: c.query_operator ?? "and" })) };
}

export function contactsPlaceQuery(p: ContactsPlace): string {
  const q = new URLSearchParams();
  if (p.filterId !== null) q.set("filter_id", String(p.filterId));
  else {
    const filter = writeFilterParam(p.conditions);
    if (filter) q.set("filter", filter);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}
