/**
 * Wall-clock arithmetic in an IANA time zone with the platform's Intl data (no dependency).
 */
export type ZonedParts = { year: number; month: number; day: number; weekday: number; hour: number; minute: number; second: number };

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date, weekday (0 = Sunday) and time an instant shows on a clock in `timeZone`. */
export function zonedParts(timeZone: string, at: Date): ZonedParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS[parts.weekday!] ?? 0,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetMs(timeZone: string, at: Date): number {
  const p = zonedParts(timeZone, at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the local day containing `at` began in `timeZone` (handles DST shifts). */
export function startOfZonedDay(timeZone: string, at: Date): Date {
  const p = zonedParts(timeZone, at);
  const localMidnight = Date.UTC(p.year, p.month - 1, p.day);
  // Two passes: the offset at the guess may differ from the offset at `at` across a DST change.
  let guess = localMidnight - offsetMs(timeZone, at);
  guess = localMidnight - offsetMs(timeZone, new Date(guess));
  return new Date(guess);
}
