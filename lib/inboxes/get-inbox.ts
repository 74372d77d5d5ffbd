import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiChannels, inboxes, webWidgets, workingHours, type ApiChannel, type Inbox, type WebWidget, type WorkingHour } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** `apiChannel` is set for an API-channel inbox (AP1); its `webWidget` row then holds its identifier and HMAC settings. */
export type InboxWithSettings = { inbox: Inbox; webWidget: WebWidget | null; workingHours: WorkingHour[]; apiChannel?: ApiChannel | null };

/** An inbox with its widget settings and weekly schedule; scoped to the account when one is given. */
export async function getInboxWithSettingsById(db: Db, { inboxId, accountId }: { inboxId: number; accountId?: number }): Promise<InboxWithSettings> {
  const where = accountId === undefined ? eq(inboxes.id, inboxId) : and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId));
  const [row] = await db
    .select({ inbox: inboxes, webWidget: webWidgets, apiChannel: apiChannels })
    .from(inboxes)
    .leftJoin(webWidgets, eq(webWidgets.inboxId, inboxes.id))
    .leftJoin(apiChannels, eq(apiChannels.inboxId, inboxes.id))
    .where(where);
  if (!row) throw AppError.notFound();
  const schedule = await db.select().from(workingHours).where(eq(workingHours.inboxId, inboxId)).orderBy(asc(workingHours.dayOfWeek));
  return { inbox: row.inbox, webWidget: row.webWidget, workingHours: schedule, apiChannel: row.apiChannel };
}
