import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, type Contact } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** A contact of the account (contacts are account-wide for members, as Chatwoot); else 404. */
export async function getContactOrThrow(db: Db, { accountId, contactId }: { accountId: number; contactId: number }): Promise<Contact> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.accountId, accountId)));
  if (!row) throw AppError.notFound();
  return row;
}
