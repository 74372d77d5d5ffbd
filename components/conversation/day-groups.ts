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

/** The first letter in upper case, as a label starts ("today" → "Today", "вчера" → "Вчера"). */
const capitalised = (s: string, locale: string) => s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);

/** Today and yesterday in the locale's words (Intl.RelativeTimeFormat), then weekdays and dates. */
export function dayLabel(day: Date, now: Date, locale: string): string {
  // Calendar days, not 24 h spans: round to absorb a daylight-saving hour.
  const days = Math.round((startOfDay(now) - startOfDay(day)) / 86_400_000);
  if (days === 0 || days === 1) return capitalised(new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(-days, "day"), locale);
  if (days > 1 && days < 7) return capitalised(day.toLocaleDateString(locale, { weekday: "long" }), locale);
  const sameYear = day.getFullYear() === now.getFullYear();
  return day.toLocaleDateString(locale, { weekday: "short", day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }) });
}

/** Items must be in time order; `at` gives each item's time. */
export function groupByDay<T>(items: T[], at: (item: T) => Date, now: Date, locale: string): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const d = at(item);
    const key = dayKey(d);
    const last = groups.at(-1);
    if (last && last.key === key) last.items.push(item);
    else groups.push({ key, label: dayLabel(d, now, locale), items: [item] });
  }
  return groups;
}
