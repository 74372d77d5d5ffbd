/**
 * How a filter condition's date values read (WF3), shared with automation rule conditions (MA3) so a
 * condition means the same in both: `is_greater_than` / `is_less_than` take a date (YYYY-MM-DD, which
 * is midnight UTC, or ISO 8601), `days_before` a whole number of days (0–36500) and holds for a date
 * more than that many days before now. Browser-safe: no database, no server imports.
 */
export const DATE_VALUE_MESSAGE = "values must be dates (YYYY-MM-DD or ISO 8601)";
export const DAYS_VALUE_MESSAGE = "days_before needs a whole number of days";
export const MAX_DAYS_BEFORE = 36_500;
const DAY_MS = 86_400_000;

/** The instant a date value names, or null when it names none. */
export function parseDateValue(v: unknown): Date | null {
  if (typeof v !== "string" && typeof v !== "number") return null;
  const at = Date.parse(String(v));
  return Number.isNaN(at) ? null : new Date(at);
}

/** The number of days a `days_before` value names, or null when it is not a whole number in range. */
export function parseDaysBefore(v: unknown): number | null {
  if (typeof v !== "string" && typeof v !== "number") return null;
  if (typeof v === "string" && v.trim() === "") return null;
  const days = Number(v);
  return Number.isInteger(days) && days >= 0 && days <= MAX_DAYS_BEFORE ? days : null;
}

/** The moment a date must be before to be more than `days` days old (`now() - make_interval(days => n)` in UTC). */
export const daysBeforeCutoff = (days: number, now: number) => new Date(now - days * DAY_MS);
