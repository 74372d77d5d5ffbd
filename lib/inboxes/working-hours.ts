import type { Inbox, WorkingHour } from "@/db/schema";
import { zonedParts } from "./zoned-time";

type Schedule = Pick<WorkingHour, "dayOfWeek" | "closedAllDay" | "openAllDay" | "openHour" | "openMinutes" | "closeHour" | "closeMinutes">;

/**
 * Whether the inbox is inside its working hours at `now`, on its own clock (AM2, P3). With working
 * hours disabled an inbox is always open. A day without a row counts as closed.
 */
export function isInboxOpenAt(inbox: Pick<Inbox, "workingHoursEnabled" | "timezone">, schedule: Schedule[], now: Date): boolean {
  if (!inbox.workingHoursEnabled) return true;
  const local = zonedParts(inbox.timezone, now);
  const today = schedule.find((d) => d.dayOfWeek === local.weekday);
  if (!today || today.closedAllDay) return false;
  if (today.openAllDay) return true;
  const minute = local.hour * 60 + local.minute;
  const opens = (today.openHour ?? 0) * 60 + (today.openMinutes ?? 0);
  const closes = (today.closeHour ?? 0) * 60 + (today.closeMinutes ?? 0);
  return minute >= opens && minute < closes;
}
