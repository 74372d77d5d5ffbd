import { and, eq, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, type Contact, type ContactType } from "@/db/schema";
import { AppError, type FieldErrors } from "@/lib/errors";
import { uniqueViolation } from "@/lib/pg-errors";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { appendEvent } from "@/lib/realtime/append-event";
import { parseContactInput, type ContactInputMode, type ParsedContactInput } from "./contact-input";
import { friendlyName } from "./friendly-name";

const TAKEN = "has already been taken";
const CONSTRAINT_FIELD: Record<string, keyof FieldErrors> = {
  contacts_account_email_key: "email",
  contacts_account_phone_key: "phone_number",
  contacts_account_identifier_key: "identifier",
};

/** K2: a lead once an email is known, else a visitor; a customer stays a customer. */
export function contactTypeFor(current: ContactType | undefined, email: string | null | undefined): ContactType {
  if (current === "customer") return "customer";
  return email ? "lead" : "visitor";
}

/** Creates a contact (K1, K2); invalid or already-taken email/phone/identifier is a 422, nothing written. */
export async function createContact(db: Db, { accountId, input, mode = "strict" }: { accountId: number; input: unknown; mode?: ContactInputMode }): Promise<Contact> {
  const data = parseContactInput(input, mode);
  const fields = clean(data, mode === "discard" ? await conflicts(db, accountId, data, null) : {});
  await assertAvailable(db, accountId, fields, null);
  const contact = await write(db, async (tx) => {
    const [row] = await tx
      .insert(contacts)
      .values({
        accountId,
        name: fields.name || friendlyName(),
        email: fields.email ?? null,
        phoneNumber: fields.phone_number ?? null,
        identifier: fields.identifier ?? null,
        additionalAttributes: fields.additional_attributes ?? {},
        customAttributes: fields.custom_attributes ?? {},
        blocked: fields.blocked ?? false,
        contactType: contactTypeFor(undefined, fields.email),
      })
      .returning();
    await appendEvent(tx, { accountId, type: "contact.created", payload: presentContactPush(row!) });
    return row!;
  });
  return contact;
}

/** Updates the given fields of a contact; absent fields are kept, custom/additional attributes merge. */
export async function updateContact(db: Db, { accountId, contactId, input, mode = "strict" }: { accountId: number; contactId: number; input: unknown; mode?: ContactInputMode }): Promise<Contact> {
  const data = parseContactInput(input, mode);
  const [current] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.accountId, accountId)));
  if (!current) throw AppError.notFound();
  const fields = clean(data, mode === "discard" ? await conflicts(db, accountId, data, contactId) : {});
  await assertAvailable(db, accountId, fields, contactId);
  const email = fields.email === undefined ? current.email : fields.email;
  return write(db, async (tx) => {
    const [row] = await tx
      .update(contacts)
      .set({
        ...(fields.name !== undefined && { name: fields.name || current.name }),
        ...(fields.email !== undefined && { email: fields.email }),
        ...(fields.phone_number !== undefined && { phoneNumber: fields.phone_number }),
        ...(fields.identifier !== undefined && { identifier: fields.identifier }),
        ...(fields.blocked !== undefined && { blocked: fields.blocked }),
        ...(fields.additional_attributes && { additionalAttributes: { ...current.additionalAttributes, ...fields.additional_attributes } }),
        ...(fields.custom_attributes && { customAttributes: { ...current.customAttributes, ...fields.custom_attributes } }),
        contactType: contactTypeFor(current.contactType, email),
      })
      .where(eq(contacts.id, contactId))
      .returning();
    await appendEvent(tx, { accountId, type: "contact.updated", payload: presentContactPush(row!) });
    return row!;
  });
}

/** In discard mode a taken email/phone is dropped like an invalid one (the widget never fails on it). */
function clean(data: ParsedContactInput, taken: FieldErrors): ParsedContactInput {
  const out = { ...data };
  if (taken.email) delete out.email;
  if (taken.phone_number) delete out.phone_number;
  return out;
}

async function assertAvailable(db: Db, accountId: number, data: ParsedContactInput, selfId: number | null): Promise<void> {
  const errors = await conflicts(db, accountId, data, selfId);
  if (Object.keys(errors).length) throw AppError.validation(errors);
}

/** Which of email / phone / identifier another contact of the account already holds. */
export async function conflicts(db: Db, accountId: number, data: ParsedContactInput, selfId: number | null): Promise<FieldErrors> {
  const checks: SQL[] = [];
  if (data.email) checks.push(sql`lower(${contacts.email}) = ${data.email}`);
  if (data.phone_number) checks.push(eq(contacts.phoneNumber, data.phone_number));
  if (data.identifier) checks.push(eq(contacts.identifier, data.identifier));
  if (!checks.length) return {};
  const rows = await db
    .select({ email: contacts.email, phoneNumber: contacts.phoneNumber, identifier: contacts.identifier })
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), or(...checks), selfId === null ? undefined : ne(contacts.id, selfId)));
  const errors: FieldErrors = {};
  for (const r of rows) {
    if (data.email && r.email === data.email) errors.email = [TAKEN];
    if (data.phone_number && r.phoneNumber === data.phone_number) errors.phone_number = [TAKEN];
    if (data.identifier && r.identifier === data.identifier) errors.identifier = [TAKEN];
  }
  return errors;
}

/** Runs the write in a savepoint so a lost uniqueness race becomes a 422, not a raw database error. */
async function write<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (err) {
    const constraint = uniqueViolation(err);
    const field = constraint === null ? undefined : CONSTRAINT_FIELD[constraint];
    if (field) throw AppError.validation({ [field]: [TAKEN] });
    throw err;
  }
}
