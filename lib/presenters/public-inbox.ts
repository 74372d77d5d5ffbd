import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workingHours, type Inbox, type WebWidget, type WorkingHour } from "@/db/schema";

/** chatwoot-api.md §1 WeeklySchedule entry. */
export type WeeklyScheduleDay = {
  day_of_week: number;
  closed_all_day: boolean;
  open_hour: number | null;
  open_minutes: number | null;
  close_hour: number | null;
  close_minutes: number | null;
  open_all_day: boolean;
};

/** chatwoot-api.md §A A0: what a Client API caller may know about the inbox before acting. */
export type PublicInbox = {
  identifier: string;
  identity_validation_enabled: boolean;
  name: string;
  timezone: string;
  working_hours: WeeklyScheduleDay[];
  working_hours_enabled: boolean;
  csat_survey_enabled: boolean;
  greeting_enabled: boolean;
};

export function presentWeeklySchedule(rows: WorkingHour[]): WeeklyScheduleDay[] {
  return rows.map((d) => ({
    day_of_week: d.dayOfWeek,
    closed_all_day: d.closedAllDay,
    open_hour: d.openHour,
    open_minutes: d.openMinutes,
    close_hour: d.closeHour,
    close_minutes: d.closeMinutes,
    open_all_day: d.openAllDay,
  }));
}

export async function loadPublicInbox(db: Db, inbox: Inbox, widget: WebWidget): Promise<PublicInbox> {
  const days = await db.select().from(workingHours).where(eq(workingHours.inboxId, inbox.id)).orderBy(asc(workingHours.dayOfWeek));
  return {
    identifier: widget.websiteToken,
    identity_validation_enabled: widget.hmacMandatory,
    name: inbox.name,
    timezone: inbox.timezone,
    working_hours: presentWeeklySchedule(days),
    working_hours_enabled: inbox.workingHoursEnabled,
    csat_survey_enabled: inbox.csatSurveyEnabled,
    greeting_enabled: inbox.greetingEnabled,
  };
}
