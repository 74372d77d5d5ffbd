import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiChannels, inboxes, inboxMembers, webWidgets, workingHours, type Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getInboxWithSettingsById, type InboxWithSettings } from "./get-inbox";

type Viewer = { id: number; role: Role };

/** GET /inboxes: administrators see every inbox of the account, agents their own; ordered by name. */
export async function listInboxesWithSettings(db: Db, { accountId, user }: { accountId: number; user: Viewer }): Promise<InboxWithSettings[]> {
  const visible =
    user.role === "administrator"
      ? eq(inboxes.accountId, accountId)
      : and(eq(inboxes.accountId, accountId), inArray(inboxes.id, db.select({ id: inboxMembers.inboxId }).from(inboxMembers).where(eq(inboxMembers.userId, user.id))));
  const rows = await db
    .select({ inbox: inboxes, webWidget: webWidgets, apiChannel: apiChannels })
    .from(inboxes)
    .leftJoin(webWidgets, eq(webWidgets.inboxId, inboxes.id))
    .leftJoin(apiChannels, eq(apiChannels.inboxId, inboxes.id))
    .where(visible)
    .orderBy(asc(sql`lower(${inboxes.name})`), asc(inboxes.id));
  if (rows.length === 0) return [];
  const hours = await db
    .select()
    .from(workingHours)
    .where(
      inArray(
        workingHours.inboxId,
        rows.map((r) => r.inbox.id),
      ),
    )
    .orderBy(asc(workingHours.dayOfWeek));
  return rows.map((r) => ({ ...r, workingHours: hours.filter((h) => h.inboxId === r.inbox.id) }));
}

/** One inbox for GET /inboxes/{id}: an agent who is not a member of it is refused (403). */
export async function getInboxForViewer(db: Db, { accountId, inboxId, user }: { accountId: number; inboxId: number; user: Viewer }): Promise<InboxWithSettings> {
  const found = await getInboxWithSettingsById(db, { accountId, inboxId });
  if (user.role !== "administrator") {
    const [member] = await db
      .select({ id: inboxMembers.id })
      .from(inboxMembers)
      .where(and(eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, user.id)));
    if (!member) throw new AppError("forbidden", "You are not authorized to do this action");
  }
  return found;
}
