import { and, eq, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts } from "@/db/schema";
import { AppError } from "@/lib/errors";

type Unique = { email?: string | null; phone_number?: string | null; identifier?: string | null };

/**
 * For the Application API (agents, never visitors): a 422 for a taken email, phone or identifier
 * also says which contact holds it — `taken_by: { email: { id, name } }` — so the agent can open
 * or merge that contact. Other errors pass through unchanged.
 */
export async function explainTaken(db: Db, { accountId, selfId, input, err }: { accountId: number; selfId: number | null; input: Unique; err: unknown }): Promise<unknown> {
  if (!(err instanceof AppError) || err.code !== "validation" || !err.fields) return err;
  const taken = (["email", "phone_number", "identifier"] as const).filter((f) => err.fields![f]?.includes("has already been taken") && input[f]);
  if (!taken.length) return err;
  const checks: SQL[] = taken.map((f) =>
    f === "email"
      ? sql`lower(${contacts.email}) = ${input.email!.trim().toLowerCase()}`
      : f === "phone_number"
        ? eq(contacts.phoneNumber, input.phone_number!.trim())
        : eq(contacts.identifier, input.identifier!.trim()),
  );
  const holders = await db
    .select({ id: contacts.id, name: contacts.name, email: contacts.email, phoneNumber: contacts.phoneNumber, identifier: contacts.identifier })
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), or(...checks), selfId === null ? undefined : ne(contacts.id, selfId)));
  const takenBy: Record<string, { id: number; name: string }> = {};
  for (const h of holders) {
    if (taken.includes("email") && h.email === input.email?.trim().toLowerCase()) takenBy.email = { id: h.id, name: h.name };
    if (taken.includes("phone_number") && h.phoneNumber === input.phone_number?.trim()) takenBy.phone_number = { id: h.id, name: h.name };
    if (taken.includes("identifier") && h.identifier === input.identifier?.trim()) takenBy.identifier = { id: h.id, name: h.name };
  }
  return AppError.validation(err.fields, { taken_by: takenBy });
}
