import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inboxes, webWidgets, type Contact, type ContactInbox, type Inbox, type WebWidget } from "@/db/schema";
import { getContactInboxBySource } from "@/lib/contacts/contact-inboxes";
import { AppError } from "@/lib/errors";
import { isLookupKey, noNul } from "@/lib/validation";
import { verifyWidgetToken } from "./widget-token";

export type WidgetSession = { contact: Contact; contactInbox: ContactInbox };

/** The web widget of a website_token; anything else → 404. */
export async function findWidgetInbox(db: Db, token: unknown): Promise<{ inbox: Inbox; widget: WebWidget }> {
  if (!isLookupKey(token)) throw AppError.notFound();
  const [row] = await db
    .select({ inbox: inboxes, widget: webWidgets })
    .from(webWidgets)
    .innerJoin(inboxes, and(eq(inboxes.id, webWidgets.inboxId), eq(inboxes.channelType, "web_widget")))
    .where(eq(webWidgets.websiteToken, token))
    .limit(1);
  if (!row) throw AppError.notFound();
  return row;
}

/** The contact_inbox a widget token names, if the token is valid and was issued for this inbox. */
export async function findWidgetSession(db: Db, inboxId: number, token: string | null): Promise<WidgetSession | null> {
  const claims = await verifyWidgetToken(token);
  if (!claims || claims.inbox_id !== inboxId || !noNul(claims.source_id)) return null;
  return getContactInboxBySource(db, { inboxId, sourceId: claims.source_id });
}
