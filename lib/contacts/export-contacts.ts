import { stringify } from "csv-stringify/sync";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contacts } from "@/db/schema";
import { listDefinitions } from "@/lib/custom-attributes/definitions";
import { contactFilterSchema, filterWhere } from "./filter-contacts";

/** `POST /contacts/export`: the current filter (Chatwoot's payload), or every resolved contact. */
export const contactExportSchema = z.object({ payload: contactFilterSchema.shape.payload.optional() });

export const EXPORT_MAX_ROWS = 100_000;

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is
 * prefixed with `'`, so an exported file cannot carry a formula someone typed into a contact.
 */
function safeCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * The contacts of a filter as CSV (the columns the import reads back, then id and dates): one
 * statement for the rows, most recently active first, up to EXPORT_MAX_ROWS.
 */
export async function exportContacts(db: Db, { accountId, conditions }: { accountId: number; conditions?: z.output<typeof contactExportSchema>["payload"] }): Promise<string> {
  const where = conditions?.length
    ? await filterWhere(db, accountId, conditions)
    : and(eq(contacts.accountId, accountId), sql`(coalesce(${contacts.email}, '') <> '' or coalesce(${contacts.phoneNumber}, '') <> '' or coalesce(${contacts.identifier}, '') <> '')`);
  const keys = (await listDefinitions(db, { accountId, model: "contact_attribute" })).map((d) => d.attributeKey);
  const rows = await db
    .select()
    .from(contacts)
    .where(where)
    .orderBy(sql`${contacts.lastActivityAt} desc nulls last`, desc(contacts.id))
    .limit(EXPORT_MAX_ROWS);
  const header = ["name", "email", "phone_number", "identifier", "company", "city", "country", ...keys, "id", "created_at", "last_activity_at"];
  const body = rows.map((c) =>
    [
      c.name,
      c.email,
      c.phoneNumber,
      c.identifier,
      c.additionalAttributes.company_name,
      c.additionalAttributes.city,
      c.additionalAttributes.country,
      ...keys.map((k) => c.customAttributes[k]),
      c.id,
      c.createdAt.toISOString(),
      c.lastActivityAt?.toISOString() ?? "",
    ].map(safeCell),
  );
  return stringify([header, ...body]);
}
