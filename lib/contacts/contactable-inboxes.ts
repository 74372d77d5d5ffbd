import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contactInboxes, inboxes, inboxMembers, type Role } from "@/db/schema";
import { secureToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { getInboxWithSettingsById, type InboxWithSettings } from "@/lib/inboxes/get-inbox";
import { listInboxesWithSettings } from "@/lib/inboxes/list-inboxes";
import { uniqueViolation } from "@/lib/pg-errors";
import { recordId } from "@/lib/validation";
import { getContactOrThrow } from "./get-contact";

type Viewer = { id: number; role: Role };
export type ContactableInbox = { inbox: InboxWithSettings; sourceId: string };

/**
 * `GET /contacts/:id/contactable_inboxes` (Chatwoot's Contacts::ContactableInboxesService, filtered by
 * the inbox policy): the inboxes the caller may see through which a conversation with this contact can
 * be started, each with the source_id to start it with. An API inbox always qualifies — with the
 * contact's latest source_id there, or a fresh UUID that is not stored until used. A website inbox
 * qualifies only through a contact_inbox that has no conversation yet (a widget session the agent may
 * open the conversation for); its latest one is answered.
 */
export async function listContactableInboxes(db: Db, { accountId, contactId, viewer }: { accountId: number; contactId: number; viewer: Viewer }): Promise<ContactableInbox[]> {
  const contact = await getContactOrThrow(db, { accountId, contactId });
  const visible = await listInboxesWithSettings(db, { accountId, user: viewer });
  if (visible.length === 0) return [];
  const rows = await db
    .select({
      inboxId: contactInboxes.inboxId,
      sourceId: contactInboxes.sourceId,
      // Spelled out: inside a select list drizzle writes a column unqualified, which the subquery would read as c.id.
      hasConversation: sql<boolean>`exists (select 1 from conversations c where c.contact_inbox_id = "contact_inboxes"."id")`,
    })
    .from(contactInboxes)
    .where(
      and(
        eq(contactInboxes.contactId, contact.id),
        inArray(
          contactInboxes.inboxId,
          visible.map((v) => v.inbox.id),
        ),
      ),
    )
    .orderBy(desc(contactInboxes.id));
  // Rows are newest first: the first one per inbox is its latest contact_inbox.
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.inboxId)) latest.set(r.inboxId, r);
  const out: ContactableInbox[] = [];
  for (const inbox of [...visible].sort((a, b) => a.inbox.id - b.inbox.id)) {
    const last = latest.get(inbox.inbox.id);
    if (inbox.inbox.channelType === "api") out.push({ inbox, sourceId: last?.sourceId ?? randomUUID() });
    else if (last && !last.hasConversation) out.push({ inbox, sourceId: last.sourceId });
  }
  return out;
}

/** `POST /contacts/:id/contact_inboxes`: Chatwoot's body. */
export const contactInboxCreateSchema = z.object({
  inbox_id: recordId,
  source_id: z.string("must be text").trim().min(1, "can't be blank").max(255, "is too long (maximum is 255 characters)").optional(),
});
export type ContactInboxCreateInput = z.output<typeof contactInboxCreateSchema>;

/**
 * Opens a contact_inbox for the contact in an inbox the caller may see (Chatwoot authorises the inbox
 * with its `show?` policy; an agent's other inboxes do not exist for them here: 404). source_id is the
 * given one or a UUID. A source_id another contact holds in that inbox is a 422 naming it; one this
 * contact already holds there answers that contact_inbox (a retried request is not an error).
 */
export async function createContactInbox(
  db: Db,
  { accountId, contactId, viewer, input }: { accountId: number; contactId: number; viewer: Viewer; input: ContactInboxCreateInput },
): Promise<{ inbox: InboxWithSettings; sourceId: string }> {
  const contact = await getContactOrThrow(db, { accountId, contactId });
  const [seen] = await db
    .select({ id: inboxes.id })
    .from(inboxes)
    .where(
      and(
        eq(inboxes.id, input.inbox_id),
        eq(inboxes.accountId, accountId),
        viewer.role === "administrator" ? undefined : inArray(inboxes.id, db.select({ id: inboxMembers.inboxId }).from(inboxMembers).where(eq(inboxMembers.userId, viewer.id))),
      ),
    );
  if (!seen) throw AppError.notFound();
  const inbox = await getInboxWithSettingsById(db, { accountId, inboxId: seen.id });
  const sourceId = input.source_id ?? randomUUID();
  try {
    await db.insert(contactInboxes).values({ accountId, contactId: contact.id, inboxId: inbox.inbox.id, sourceId, pubsubToken: secureToken() });
  } catch (err) {
    if (uniqueViolation(err) !== "contact_inboxes_inbox_source_key") throw err;
    const [holder] = await db
      .select({ contactId: contactInboxes.contactId })
      .from(contactInboxes)
      .where(and(eq(contactInboxes.inboxId, inbox.inbox.id), eq(contactInboxes.sourceId, sourceId)));
    if (holder?.contactId !== contact.id) throw AppError.validation({ source_id: ["has already been taken"] });
  }
  return { inbox, sourceId };
}
