import type { ScheduleDay } from "@/lib/inboxes/working-hours";
import { zonedParts } from "@/lib/inboxes/zoned-time";

/** What business time is measured against: the inbox's clock and its week (AM2's schedule). */
export type BusinessCalendar = { workingHoursEnabled: boolean; timezone: string; schedule: ScheduleDay[] };

const DAY_MS = 86_400_000;

/** The instant a wall-clock time shows in `timeZone` (the earlier one in a repeated hour, the later side of a skipped one). */
export function zonedInstant(timeZone: string, year: number, month: number, day: number, hour: number, minute: number): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall;
  // Two passes settle the offset across a daylight-saving change (the first guess may sit on the other side).
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(timeZone, new Date(guess));
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wall - shown;
  }
  return guess;
}

/**
 * Open stretches per zone, schedule and local date: a backfill computes hundreds of thousands of
 * spans over the same few days, and each stretch costs several Intl look-ups. Bounded, so a long-lived
 * process does not grow it without end.
 */
const stretches = new Map<string, [number, number] | null>();
const STRETCH_CACHE_MAX = 50_000;

/** The open stretch of one local day as [from, to) instants, or null when closed all day. */
function openStretch(cal: BusinessCalendar, y: number, m: number, d: number, weekday: number): [number, number] | null {
  const day = cal.schedule.find((s) => s.dayOfWeek === weekday);
  const key = `${cal.timezone}|${y}-${m}-${d}|${day ? [day.closedAllDay, day.openAllDay, day.openHour, day.openMinutes, day.closeHour, day.closeMinutes].join(",") : "none"}`;
  const known = stretches.get(key);
  if (known !== undefined) return known;
  const computed = computeStretch(cal, day, y, m, d);
  if (stretches.size >= STRETCH_CACHE_MAX) stretches.clear();
  stretches.set(key, computed);
  return computed;
}

function computeStretch(cal: BusinessCalendar, day: BusinessCalendar["schedule"][number] | undefined, y: number, m: number, d: number): [number, number] | null {
  if (!day || day.closedAllDay) return null;
  const next = new Date(Date.UTC(y, m - 1, d) + DAY_MS);
  const midnightAfter = zonedInstant(cal.timezone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0);
  if (day.openAllDay) return [zonedInstant(cal.timezone, y, m, d, 0, 0), midnightAfter];
  const from = zonedInstant(cal.timezone, y, m, d, day.openHour ?? 0, day.openMinutes ?? 0);
  const to = zonedInstant(cal.timezone, y, m, d, day.closeHour ?? 0, day.closeMinutes ?? 0);
  return to > from ? [from, to] : null;
}

/**
 * Seconds of [start, end) inside the inbox's working hours on its own clock. An inbox with working
 * hours disabled is always open (as for out-of-office, AM2), so the whole span counts; a day without
 * a schedule row counts as closed. Walks the local days the span touches.
 */
export function businessSeconds(cal: BusinessCalendar, start: Date, end: Date): number {
  const s = start.getTime();
  const e = end.getTime();
  if (e <= s) return 0;
  if (!cal.workingHoursEnabled) return (e - s) / 1000;
  let total = 0;
  const first = zonedParts(cal.timezone, start);
  // Local calendar days from the start's day to the end's day (plus one for safety across offsets).
  let cursor = Date.UTC(first.year, first.month - 1, first.day);
  const last = zonedParts(cal.timezone, end);
  const lastDay = Date.UTC(last.year, last.month - 1, last.day);
  for (; cursor <= lastDay; cursor += DAY_MS) {
    const c = new Date(cursor);
    const stretch = openStretch(cal, c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate(), c.getUTCDay());
    if (!stretch) continue;
    const from = Math.max(stretch[0], s);
    const to = Math.min(stretch[1], e);
    if (to > from) total += to - from;
  }
  return total / 1000;
}
