import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contacts, type Contact, type CustomAttributeDefinition } from "@/db/schema";
import { listDefinitions } from "@/lib/custom-attributes/definitions";
import { AppError } from "@/lib/errors";
import { CONTACTS_PER_PAGE } from "./list-contacts";

const OPERATORS = ["equal_to", "not_equal_to", "contains", "does_not_contain", "starts_with", "is_present", "is_not_present", "is_greater_than", "is_less_than", "days_before"] as const;
type Operator = (typeof OPERATORS)[number];
type Kind = "text" | "number" | "date" | "boolean";

/** One condition of Chatwoot's filter payload. */
const condition = z.object({
  attribute_key: z.string().min(1).max(64),
  filter_operator: z.enum(OPERATORS, { error: `must be one of ${OPERATORS.join(", ")}` }),
  values: z
    .array(z.union([z.string().max(255), z.number(), z.boolean(), z.null()]))
    .max(50)
    .default([]),
  query_operator: z.enum(["and", "or", "AND", "OR"]).nullish(),
  custom_attribute_type: z.string().max(64).nullish(),
});
export type FilterCondition = z.output<typeof condition>;

/** `POST /contacts/filter` (and `/contacts/export`): `{ payload: [conditions…] }`. */
export const contactFilterSchema = z.object({ payload: z.array(condition).min(1, "can't be blank").max(20) });
export const contactFilterQuerySchema = z.object({
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "must be a positive integer")
    .optional(),
});

/** Chatwoot's contact filter keys (lib/filters/filter_keys.yml), on Parley's columns. */
const STANDARD: Record<string, { column: SQL; kind: Kind; ci?: boolean }> = {
  name: { column: sql`${contacts.name}`, kind: "text", ci: true },
  email: { column: sql`${contacts.email}`, kind: "text", ci: true },
  phone_number: { column: sql`${contacts.phoneNumber}`, kind: "text" },
  identifier: { column: sql`${contacts.identifier}`, kind: "text", ci: true },
  country_code: { column: sql`${contacts.additionalAttributes}->>'country_code'`, kind: "text", ci: true },
  city: { column: sql`${contacts.additionalAttributes}->>'city'`, kind: "text", ci: true },
  company: { column: sql`${contacts.additionalAttributes}->>'company_name'`, kind: "text", ci: true },
  created_at: { column: sql`${contacts.createdAt}`, kind: "date" },
  last_activity_at: { column: sql`${contacts.lastActivityAt}`, kind: "date" },
  blocked: { column: sql`${contacts.blocked}`, kind: "boolean" },
};

const KIND_OF_TYPE: Record<CustomAttributeDefinition["attributeDisplayType"], Kind> = { text: "text", link: "text", list: "text", number: "number", date: "date", checkbox: "boolean" };

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE of a Chatwoot contact filter. Conditions are joined by each one's `query_operator` in
 * order with SQL's precedence (AND before OR), as Chatwoot builds its string. Unknown keys and
 * operator/value mismatches are a 422 naming `payload`, never SQL: every value is a parameter.
 */
export function filterCondition(conditions: FilterCondition[], definitions: CustomAttributeDefinition[]): SQL {
  const byKey = new Map(definitions.map((d) => [d.attributeKey, d]));
  const parts = conditions.map((c, i) => {
    const standard = STANDARD[c.attribute_key];
    const custom = standard ? undefined : byKey.get(c.attribute_key);
    if (!standard && !custom) throw AppError.validation({ payload: [`condition ${i + 1}: unknown attribute_key ${c.attribute_key}`] });
    const kind = standard ? standard.kind : KIND_OF_TYPE[custom!.attributeDisplayType];
    const raw = standard ? standard.column : sql`${contacts.customAttributes}->>${c.attribute_key}`;
    return one(i, c.filter_operator, kind, standard ? Boolean(standard.ci) : true, raw, c.values);
  });
  let out = sql`(${parts[0]!})`;
  for (let i = 1; i < parts.length; i++) {
    const joiner = (conditions[i - 1]!.query_operator ?? "and").toLowerCase() === "or" ? sql` or ` : sql` and `;
    out = sql`${out}${joiner}(${parts[i]!})`;
  }
  return sql`(${out})`;
}

function one(i: number, op: Operator, kind: Kind, ci: boolean, raw: SQL, values: FilterCondition["values"]): SQL {
  const bad = (why: string) => AppError.validation({ payload: [`condition ${i + 1}: ${why}`] });
  if (op === "is_present") return sql`coalesce(${raw}::text, '') <> ''`;
  if (op === "is_not_present") return sql`coalesce(${raw}::text, '') = ''`;
  const present = values.filter((v): v is string | number | boolean => v !== null);
  if (!present.length) throw bad(`${op} needs a value`);
  const first = present[0]!;
  if (op === "days_before") {
    if (kind !== "date" || !Number.isInteger(Number(first))) throw bad("days_before needs a date attribute and a number of days");
    return sql`(${raw})::timestamptz < now() - make_interval(days => ${Number(first)}::int)`;
  }
  if (kind === "boolean") {
    const b = first === true || first === "true";
    if (op === "equal_to") return sql`coalesce((${raw})::boolean, false) = ${b}`;
    if (op === "not_equal_to") return sql`coalesce((${raw})::boolean, false) <> ${b}`;
    throw bad(`${op} does not apply to a boolean`);
  }
  if (kind === "number" || kind === "date") {
    const cast = kind === "number" ? sql`numeric` : sql`timestamptz`;
    const ok = present.every((v) => (kind === "number" ? Number.isFinite(Number(v)) && String(v).trim() !== "" : !Number.isNaN(Date.parse(String(v)))));
    if (!ok) throw bad(`values must be ${kind === "number" ? "numbers" : "dates"}`);
    // A stored value that is not a number/date never matches rather than failing the statement.
    const pattern = kind === "number" ? "^-?[0-9]+(\\.[0-9]+)?$" : "^[0-9]{4}-[0-9]{2}-[0-9]{2}";
    const typed = sql`(case when (${raw})::text ~ ${pattern} then (${raw})::${cast} end)`;
    const v = (x: string | number | boolean) => sql`${String(x)}::${cast}`;
    if (op === "equal_to") return kind === "date" ? sql`${typed}::date = ${v(first)}::date` : sql`${typed} = ${v(first)}`;
    if (op === "not_equal_to") return kind === "date" ? sql`${typed}::date <> ${v(first)}::date` : sql`${typed} <> ${v(first)}`;
    if (op === "is_greater_than") return sql`${typed} > ${v(first)}`;
    if (op === "is_less_than") return sql`${typed} < ${v(first)}`;
    throw bad(`${op} does not apply to a ${kind}`);
  }
  const col = ci ? sql`lower(${raw})` : raw;
  const val = (x: string | number | boolean) => (ci ? String(x).toLowerCase() : String(x));
  switch (op) {
    case "equal_to":
      return sql`${col} in (${sql.join(
        present.map((x) => sql`${val(x)}`),
        sql`, `,
      )})`;
    case "not_equal_to":
      return sql`${col} not in (${sql.join(
        present.map((x) => sql`${val(x)}`),
        sql`, `,
      )})`;
    case "contains":
      return sql`${raw} ilike ${`%${escapeLike(String(first))}%`}`;
    case "does_not_contain":
      return sql`coalesce(${raw}, '') not ilike ${`%${escapeLike(String(first))}%`}`;
    case "starts_with":
      return sql`${raw} ilike ${`${escapeLike(String(first))}%`}`;
    default:
      throw bad(`${op} does not apply to text`);
  }
}

/** The resolved contacts matching a filter, most recently active first, and their count. */
export async function filterContacts(
  db: Db,
  { accountId, conditions, page, limit = CONTACTS_PER_PAGE }: { accountId: number; conditions: FilterCondition[]; page?: number; limit?: number },
): Promise<{ count: number; contacts: Contact[] }> {
  const where = await filterWhere(db, accountId, conditions);
  const [total] = await db.select({ n: count() }).from(contacts).where(where);
  const rows = await db
    .select()
    .from(contacts)
    .where(where)
    .orderBy(sql`${contacts.lastActivityAt} desc nulls last`, desc(contacts.id))
    .limit(limit)
    .offset(page ? (page - 1) * limit : 0);
  return { count: total?.n ?? 0, contacts: rows };
}

export async function filterWhere(db: Db, accountId: number, conditions: FilterCondition[]): Promise<SQL | undefined> {
  const definitions = await listDefinitions(db, { accountId, model: "contact_attribute" });
  return and(
    eq(contacts.accountId, accountId),
    sql`(coalesce(${contacts.email}, '') <> '' or coalesce(${contacts.phoneNumber}, '') <> '' or coalesce(${contacts.identifier}, '') <> '')`,
    filterCondition(conditions, definitions),
  );
}
