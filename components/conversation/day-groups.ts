/**
 * Messages grouped by calendar day in the viewer's time zone, labelled "Today", "Yesterday", a
 * weekday within the last week, else a date (with the year when it is not this year).
 */
export type DayGroup<T> = { key: string; label: string; items: T[] };

function dayKey(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

export function dayLabel(day: Date, now: Date, locale = "en-GB"): string {
  // Calendar days, not 24 h spans: round to absorb a daylight-saving hour.
  const days = Math.round((startOfDay(now) - startOfDay(day)) / 86_400_000);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  if (days > 1 && days < 7) return day.toLocaleDateString(locale, { weekday: "long" });
  const sameYear = day.getFullYear() === now.getFullYear();
  return day.toLocaleDateString(locale, { weekday: "short", day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }) });
}

/** Items must be in time order; `at` gives each item's time. */
export function groupByDay<T>(items: T[], at: (item: T) => Date, now: Date): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const d = at(item);
    const key = dayKey(d);
    const last = groups.at(-1);
    if (last && last.key === key) last.items.push(item);
    else groups.push({ key, label: dayLabel(d, now), items: [item] });
  }
  return groups;
}
