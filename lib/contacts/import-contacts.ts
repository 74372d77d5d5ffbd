import { parse } from "csv-parse/sync";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, type CustomAttributeDefinition } from "@/db/schema";
import { listDefinitions } from "@/lib/custom-attributes/definitions";
import { valueProblem } from "@/lib/custom-attributes/validate-values";
import { AppError } from "@/lib/errors";
import { uniqueViolation } from "@/lib/pg-errors";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { appendEvent } from "@/lib/realtime/append-event";
import { parseContactInput, type ParsedContactInput } from "./contact-input";
import { friendlyName } from "./friendly-name";
import { contactTypeFor } from "./save-contact";

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5_000;

const STANDARD = ["name", "email", "phone_number", "identifier"] as const;
/** Columns kept in additional_attributes, under Chatwoot's keys. */
const ADDITIONAL: Record<string, string> = { company: "company_name", company_name: "company_name", city: "city", country: "country" };

export type RowError = { row: number; field: string; messages: string[] };

/**
 * `POST /contacts/import`: a CSV whose header names the columns (name, email, phone_number,
 * identifier, company, city, country, and the keys of the account's contact custom attributes).
 * Every row is validated as a contact created through the API would be (K1), against the other rows
 * and against the account's contacts; if any row has an error nothing is imported and every error is
 * reported with its line number; otherwise all rows are created in one transaction.
 */
export async function importContacts(db: Db, { accountId, csv }: { accountId: number; csv: string }): Promise<{ imported: number }> {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false, max_record_size: 64 * 1024 });
  } catch (err) {
    throw AppError.validation({ import_file: [`is not a readable CSV file: ${(err as Error).message}`] });
  }
  const [header, ...rows] = records;
  if (!header || !rows.length) throw AppError.validation({ import_file: ["has no rows to import (a header line, then one contact per line)"] });
  if (rows.length > IMPORT_MAX_ROWS) throw AppError.validation({ import_file: [`has ${rows.length} rows (at most ${IMPORT_MAX_ROWS} per file)`] });

  const definitions = new Map((await listDefinitions(db, { accountId, model: "contact_attribute" })).map((d) => [d.attributeKey, d]));
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !(STANDARD as readonly string[]).includes(c) && !ADDITIONAL[c] && !definitions.has(c));
  const doubled = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (unknown.length || doubled.length) {
    throw AppError.validation({
      import_file: [
        ...(unknown.length ? [`has unknown columns: ${unknown.join(", ")} (known: ${[...STANDARD, "company", "city", "country", ...definitions.keys()].join(", ")})`] : []),
        ...(doubled.length ? [`names a column twice: ${[...new Set(doubled)].join(", ")}`] : []),
      ],
    });
  }

  const errors: RowError[] = [];
  const parsed: { line: number; data: ParsedContactInput }[] = [];
  rows.forEach((cells, i) => {
    const line = i + 2; // the header is line 1
    const input: Record<string, unknown> = {};
    const additional: Record<string, string> = {};
    const custom: Record<string, unknown> = {};
    columns.forEach((c, j) => {
      const value = cells[j] ?? "";
      if (value === "") return;
      if ((STANDARD as readonly string[]).includes(c)) input[c] = value;
      else if (ADDITIONAL[c]) additional[ADDITIONAL[c]] = value;
      else custom[c] = fromCell(definitions.get(c)!, value);
    });
    if (!input.email && !input.phone_number && !input.identifier) {
      errors.push({ row: line, field: "email", messages: ["needs an email, phone_number or identifier"] });
      return;
    }
    for (const [key, value] of Object.entries(custom)) {
      const problem = valueProblem(definitions.get(key)!, value);
      if (problem) errors.push({ row: line, field: key, messages: [problem] });
    }
    try {
      parsed.push({ line, data: parseContactInput({ ...input, additional_attributes: additional, custom_attributes: custom }) });
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields) throw err;
      for (const [field, messages] of Object.entries(err.fields)) errors.push({ row: line, field, messages });
    }
  });

  // The same email, phone or identifier twice in the file, or already an account contact's.
  const seen = new Map<string, number>();
  for (const { line, data } of parsed) {
    for (const [field, value] of [
      ["email", data.email],
      ["phone_number", data.phone_number],
      ["identifier", data.identifier],
    ] as const) {
      if (!value) continue;
      const first = seen.get(`${field}:${value}`);
      if (first !== undefined) errors.push({ row: line, field, messages: [`is also on line ${first}`] });
      else seen.set(`${field}:${value}`, line);
    }
  }
  const taken = await existing(
    db,
    accountId,
    parsed.map((p) => p.data),
  );
  for (const { line, data } of parsed) {
    for (const field of ["email", "phone_number", "identifier"] as const) {
      const holder = data[field] ? taken.get(`${field}:${data[field]}`) : undefined;
      if (holder) errors.push({ row: line, field, messages: [`has already been taken (contact ${holder.id}, ${holder.name})`] });
    }
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    const lines = new Set(errors.map((e) => e.row)).size;
    throw AppError.validation({ import_file: [`has ${lines} ${lines === 1 ? "row" : "rows"} with errors; nothing was imported`] }, { rows: errors });
  }

  try {
    await db.transaction(async (tx) => {
      const created = await tx
        .insert(contacts)
        .values(
          parsed.map(({ data }) => ({
            accountId,
            name: data.name || friendlyName(),
            email: data.email ?? null,
            phoneNumber: data.phone_number ?? null,
            identifier: data.identifier ?? null,
            additionalAttributes: data.additional_attributes ?? {},
            customAttributes: data.custom_attributes ?? {},
            contactType: contactTypeFor(undefined, data.email),
          })),
        )
        .returning();
      for (const c of created) await appendEvent(tx, { accountId, type: "contact.created", payload: presentContactPush(c) });
    });
  } catch (err) {
    // Another writer took one of the values after the check: still nothing imported, and a 422.
    if (uniqueViolation(err)) throw AppError.validation({ import_file: ["a contact with one of these emails, phones or identifiers was just created; nothing was imported, try again"] });
    throw err;
  }
  return { imported: parsed.length };
}

/** CSV cells are text: a checkbox's true/false and a number's digits become their JSON values. */
function fromCell(d: CustomAttributeDefinition, value: string): unknown {
  if (d.attributeDisplayType === "checkbox" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  if (d.attributeDisplayType === "number" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

async function existing(db: Db, accountId: number, rows: ParsedContactInput[]): Promise<Map<string, { id: number; name: string }>> {
  const emails = rows.flatMap((r) => (r.email ? [r.email] : []));
  const phones = rows.flatMap((r) => (r.phone_number ? [r.phone_number] : []));
  const identifiers = rows.flatMap((r) => (r.identifier ? [r.identifier] : []));
  const out = new Map<string, { id: number; name: string }>();
  if (!emails.length && !phones.length && !identifiers.length) return out;
  const found = await db
    .select({ id: contacts.id, name: contacts.name, email: contacts.email, phoneNumber: contacts.phoneNumber, identifier: contacts.identifier })
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, accountId),
        or(
          emails.length ? inArray(sql`lower(${contacts.email})`, emails) : undefined,
          phones.length ? inArray(contacts.phoneNumber, phones) : undefined,
          identifiers.length ? inArray(contacts.identifier, identifiers) : undefined,
        ),
      ),
    );
  for (const c of found) {
    if (c.email) out.set(`email:${c.email.toLowerCase()}`, c);
    if (c.phoneNumber) out.set(`phone_number:${c.phoneNumber}`, c);
    if (c.identifier) out.set(`identifier:${c.identifier}`, c);
  }
  return out;
}
