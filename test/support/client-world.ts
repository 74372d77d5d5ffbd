import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactInboxes, contacts, conversations, events, messages, webWidgets, type NewInbox } from "@/db/schema";
import { buildWorld, type ScheduleRow } from "./engine-fixtures";

/** An engine world (account, admin, member agent, contact + contact_inbox) plus its web widget and Client API base path. */
export async function buildClientWorld(db: Db, inboxOverrides: Partial<Omit<NewInbox, "accountId">> & { schedule?: ScheduleRow[] } = {}) {
  const w = await buildWorld(db, inboxOverrides);
  const [widget] = await db.select().from(webWidgets).where(eq(webWidgets.inboxId, w.inbox.id));
  const base = `/public/api/v1/inboxes/${widget!.websiteToken}`;
  return { ...w, widget: widget!, base, contactBase: `${base}/contacts/${w.contactInbox.sourceId}` };
}

/** Row counts of everything a Client API request could write: a failed request must leave them unchanged. */
export async function rowCounts(db: Db) {
  const count = async (table: typeof contacts | typeof contactInboxes | typeof conversations | typeof messages | typeof events) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  return {
    contacts: await count(contacts),
    contactInboxes: await count(contactInboxes),
    conversations: await count(conversations),
    messages: await count(messages),
    events: await count(events),
  };
}
