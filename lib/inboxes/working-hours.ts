import type { Inbox, WorkingHour } from "@/db/schema";
import { zonedParts } from "./zoned-time";

/** A stored working_hours row, or any object shaped like one (missing flags read as false). */
export type ScheduleDay = Pick<WorkingHour, "dayOfWeek"> & Partial<Pick<WorkingHour, "closedAllDay" | "openAllDay" | "openHour" | "openMinutes" | "closeHour" | "closeMinutes">>;

/**
 * Whether the inbox is inside its working hours at `now`, on its own clock (AM2, P3). With working
 * hours disabled an inbox is always open. A day without a row counts as closed.
 */
export function isInboxOpenAt(inbox: Pick<Inbox, "workingHoursEnabled" | "timezone">, schedule: ScheduleDay[], now: Date): boolean {
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
