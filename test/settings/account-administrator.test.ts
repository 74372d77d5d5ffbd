import { describe, expect, it } from "vitest";
import { assertAccountAdministrator } from "@/lib/auth/account-administrator";
import { AppError } from "@/lib/errors";
import { inboxUpdateSchema } from "@/lib/inboxes/inbox-input";
import { labelSchema } from "@/lib/labels/labels";
import { parseInput } from "@/lib/validation";

const user = (accounts: { id: number; role: "administrator" | "agent" }[]) => ({ id: 1, name: "U", email: "u@example.test", sessionVersion: 0, accounts: accounts.map((a) => ({ ...a, name: "A" })) });
const statusOf = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (err) {
    return (err as AppError).status;
  }
};

// Every settings page and server action calls requireAccountAdministrator, which is this rule over
// the session re-read from the database (a grep in the report lists the call sites).
describe("assertAccountAdministrator (SPEC §10, §12)", () => {
  it("lets an administrator of that account through", () => {
    expect(statusOf(() => assertAccountAdministrator(user([{ id: 7, role: "administrator" }]), 7))).toBe(200);
  });
  it("refuses an agent (403), an administrator of another account (403) and nobody (401)", () => {
    expect(statusOf(() => assertAccountAdministrator(user([{ id: 7, role: "agent" }]), 7))).toBe(403);
    expect(
      statusOf(() =>
        assertAccountAdministrator(
          user([
            { id: 8, role: "administrator" },
            { id: 7, role: "agent" },
          ]),
          7,
        ),
      ),
    ).toBe(403);
    expect(statusOf(() => assertAccountAdministrator(user([{ id: 8, role: "administrator" }]), 7))).toBe(403);
    expect(statusOf(() => assertAccountAdministrator(null, 7))).toBe(401);
  });
});

describe("settings input schemas name the field", () => {
  const fields = (schema: Parameters<typeof parseInput>[0], input: unknown) => {
    try {
      parseInput(schema, input);
      return {};
    } catch (err) {
      return (err as AppError).fields ?? {};
    }
  };
  it("time zone, opening hours, colour, auto-assignment limit", () => {
    expect(Object.keys(fields(inboxUpdateSchema, { timezone: "Nowhere/City" }))).toEqual(["timezone"]);
    expect(Object.keys(fields(inboxUpdateSchema, { working_hours: [{ day_of_week: 3, open_hour: 10, open_minutes: 0, close_hour: 10, close_minutes: 0 }] }))).toEqual(["working_hours.0.close_hour"]);
    expect(Object.keys(fields(inboxUpdateSchema, { channel: { widget_color: "#12345" } }))).toEqual(["channel.widget_color"]);
    expect(Object.keys(fields(inboxUpdateSchema, { auto_assignment_config: { max_assignment_limit: 0 } }))).toEqual(["auto_assignment_config.max_assignment_limit"]);
    expect(fields(inboxUpdateSchema, { timezone: "America/Argentina/Buenos_Aires", working_hours: [{ day_of_week: 0, closed_all_day: true }] })).toEqual({});
  });
  it("label titles follow Chatwoot's pattern after lower-casing", () => {
    expect(parseInput(labelSchema, { title: "Été_2024" }).title).toBe("été_2024");
    for (const title of ["x", "a b", "_lead", "emoji🙂"]) expect(Object.keys(fields(labelSchema, { title })), title).toEqual(["title"]);
  });
});
