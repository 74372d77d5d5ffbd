import { describe, expect, it } from "vitest";
import { defaultWeek } from "@/test/support/engine-fixtures";
import { isInboxOpenAt } from "./working-hours";
import { startOfZonedDay, zonedParts } from "./zoned-time";

describe("working hours in the inbox time zone (AM2, P3)", () => {
  const berlin = { workingHoursEnabled: true, timezone: "Europe/Berlin" };

  it("is always open with working hours disabled", () => {
    expect(isInboxOpenAt({ workingHoursEnabled: false, timezone: "UTC" }, [], new Date("2026-03-01T03:00:00Z"))).toBe(true);
  });

  it("judges open and closed on the inbox's own clock, weekends closed", () => {
    // Monday 2026-03-02: 08:30 UTC is 09:30 in Berlin (CET, +1).
    expect(isInboxOpenAt(berlin, defaultWeek, new Date("2026-03-02T08:30:00Z"))).toBe(true);
    expect(isInboxOpenAt({ ...berlin, timezone: "UTC" }, defaultWeek, new Date("2026-03-02T08:30:00Z"))).toBe(false);
    // 16:30 UTC is 17:30 in Berlin: closed (close time is exclusive).
    expect(isInboxOpenAt(berlin, defaultWeek, new Date("2026-03-02T16:30:00Z"))).toBe(false);
    // Saturday.
    expect(isInboxOpenAt(berlin, defaultWeek, new Date("2026-03-07T10:00:00Z"))).toBe(false);
  });

  it("uses the local weekday across the date line and honours open_all_day", () => {
    // Sunday 23:30 UTC is Monday 12:30 in Auckland (NZDT, +13).
    expect(zonedParts("Pacific/Auckland", new Date("2026-03-01T23:30:00Z")).weekday).toBe(1);
    expect(isInboxOpenAt({ workingHoursEnabled: true, timezone: "Pacific/Auckland" }, defaultWeek, new Date("2026-03-01T23:30:00Z"))).toBe(true);
    expect(
      isInboxOpenAt(
        { workingHoursEnabled: true, timezone: "UTC" },
        [{ dayOfWeek: 0, openAllDay: true, closedAllDay: false, openHour: null, openMinutes: null, closeHour: null, closeMinutes: null }],
        new Date("2026-03-01T23:59:00Z"),
      ),
    ).toBe(true);
  });

  it("finds the start of the local day, also on a daylight-saving day", () => {
    expect(startOfZonedDay("Europe/Berlin", new Date("2026-03-02T08:30:00Z")).toISOString()).toBe("2026-03-01T23:00:00.000Z");
    // 2026-03-29: Berlin moves from +1 to +2 at 02:00 local; the day began at +1.
    expect(startOfZonedDay("Europe/Berlin", new Date("2026-03-29T20:00:00Z")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfZonedDay("America/New_York", new Date("2026-03-02T03:00:00Z")).toISOString()).toBe("2026-03-01T05:00:00.000Z");
  });
});
