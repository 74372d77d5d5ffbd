/**
 * The working-hours form has, per weekday, a mode (closed / open all day / hours) and two `HH:MM`
 * times; the API takes Chatwoot's WeeklySchedule. Index = day_of_week, so a field error such as
 * `working_hours.1.close_hour` names the Monday row.
 */
export type DayForm = { mode?: unknown; open?: unknown; close?: unknown };

export function scheduleFromForm(days: DayForm[] | undefined) {
  return (days ?? []).map((d, day) => {
    const mode = d?.mode === "closed" || d?.mode === "open_all_day" ? d.mode : "hours";
    const [openHour, openMinutes] = time(d?.open);
    const [closeHour, closeMinutes] = time(d?.close);
    return {
      day_of_week: day,
      closed_all_day: mode === "closed",
      open_all_day: mode === "open_all_day",
      open_hour: mode === "hours" ? openHour : null,
      open_minutes: mode === "hours" ? openMinutes : null,
      close_hour: mode === "hours" ? closeHour : null,
      close_minutes: mode === "hours" ? closeMinutes : null,
    };
  });
}

function time(v: unknown): [number | null, number | null] {
  const m = typeof v === "string" ? /^(\d{1,2}):(\d{2})$/.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2])] : [null, null];
}

export const hhmm = (hour: number | null, minutes: number | null) => (hour === null ? "" : `${String(hour).padStart(2, "0")}:${String(minutes ?? 0).padStart(2, "0")}`);
