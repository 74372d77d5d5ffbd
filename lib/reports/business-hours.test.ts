import { describe, expect, it } from "vitest";
import { defaultWeek } from "@/test/support/engine-fixtures";
import { businessSeconds, zonedInstant, type BusinessCalendar } from "./business-hours";

const newYork: BusinessCalendar = { workingHoursEnabled: true, timezone: "America/New_York", schedule: defaultWeek };
const H = 3600;

describe("business seconds (inbox clock, AM2 schedule)", () => {
  it("counts only the open stretch of each local day: Mon 16:30 → Tue 09:30 New York is one hour", () => {
    // 2026-03-02 is a Monday; New York is UTC−5 before 8 March.
    expect(businessSeconds(newYork, new Date("2026-03-02T21:30:00Z"), new Date("2026-03-03T14:30:00Z"))).toBe(H);
  });

  it("a weekend counts nothing, and a span over it counts the weekdays' hours", () => {
    // Fri 2026-03-06 16:00 → Mon 2026-03-09 10:00 New York (DST begins Sun 8 March: Monday is UTC−4).
    expect(businessSeconds(newYork, new Date("2026-03-06T21:00:00Z"), new Date("2026-03-09T14:00:00Z"))).toBe(2 * H);
    expect(businessSeconds(newYork, new Date("2026-03-07T12:00:00Z"), new Date("2026-03-08T20:00:00Z"))).toBe(0);
  });

  it("open all day counts the whole local day, 23 hours on the day clocks go forward", () => {
    const allWeek: BusinessCalendar = { ...newYork, schedule: Array.from({ length: 7 }, (_, d) => ({ dayOfWeek: d, openAllDay: true })) };
    const start = new Date(zonedInstant("America/New_York", 2026, 3, 8, 0, 0));
    const end = new Date(zonedInstant("America/New_York", 2026, 3, 9, 0, 0));
    expect((end.getTime() - start.getTime()) / 1000).toBe(23 * H);
    expect(businessSeconds(allWeek, start, end)).toBe(23 * H);
  });

  it("working hours disabled: the inbox is always open, so the whole span counts", () => {
    expect(businessSeconds({ ...newYork, workingHoursEnabled: false }, new Date("2026-03-07T12:00:00Z"), new Date("2026-03-07T12:01:30Z"))).toBe(90);
  });

  it("a half-hour zone: Kolkata 09:00–17:00 is 03:30–11:30 UTC", () => {
    const kolkata: BusinessCalendar = { ...newYork, timezone: "Asia/Kolkata" };
    expect(businessSeconds(kolkata, new Date("2026-03-03T00:00:00Z"), new Date("2026-03-03T04:00:00Z"))).toBe(H / 2);
  });

  it("an empty or reversed span is zero", () => {
    const t = new Date("2026-03-03T15:00:00Z");
    expect(businessSeconds(newYork, t, t)).toBe(0);
    expect(businessSeconds(newYork, t, new Date(t.getTime() - 1000))).toBe(0);
  });
});
