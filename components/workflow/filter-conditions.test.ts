import { describe, expect, it } from "vitest";
import { conditionsMatch, rowErrors, type FilterCondition, type Matchable } from "./filter-conditions";

const row: Matchable = { id: 40, status: "open", priority: null, inboxId: 2, assigneeId: 7, teamId: 3, labels: ["billing"] };
const c = (attribute_key: string, filter_operator: string, values: (string | number)[], query_operator: "and" | "or" | null = "and"): FilterCondition => ({
  attribute_key,
  filter_operator,
  values,
  query_operator,
});

describe("the filter builder's client-side match (WF3)", () => {
  it("checks the attributes a list row carries", () => {
    expect(conditionsMatch(row, [c("status", "equal_to", ["open"]), c("labels", "equal_to", ["billing", "vip"])])).toBe(true);
    expect(conditionsMatch(row, [c("status", "equal_to", ["open"]), c("team_id", "equal_to", [4])])).toBe(false);
    expect(conditionsMatch(row, [c("assignee_id", "is_present", []), c("priority", "is_not_present", [])])).toBe(true);
    expect(conditionsMatch(row, [c("display_id", "is_greater_than", [39])])).toBe(true);
  });

  it("binds AND tighter than OR, as the server", () => {
    // (status = resolved AND inbox 2) OR labels has billing
    expect(conditionsMatch(row, [c("status", "equal_to", ["resolved"]), c("inbox_id", "equal_to", [2], "or"), c("labels", "equal_to", ["billing"], null)])).toBe(true);
    // status = resolved AND (…) — false whatever follows in its AND group
    expect(conditionsMatch(row, [c("status", "equal_to", ["resolved"]), c("labels", "equal_to", ["billing"], null)])).toBe(false);
  });

  it("says null when the row cannot tell (contact, dates, custom attributes)", () => {
    expect(conditionsMatch(row, [c("email", "contains", ["@acme"])])).toBeNull();
    expect(conditionsMatch(row, [c("email", "contains", ["@acme"]), c("status", "equal_to", ["resolved"])])).toBe(false);
    expect(conditionsMatch(row, [c("email", "contains", ["@acme"], "or"), c("status", "equal_to", ["open"])])).toBe(true);
  });

  it("places the server's 422 next to the condition it names", () => {
    const { rows, general } = rowErrors({ values: ["condition 2 (display_id): equal_to needs a value"] }, "refused");
    expect([...rows]).toEqual([[1, "condition 2 (display_id): equal_to needs a value"]]);
    expect(general).toBeNull();
    expect(rowErrors({ payload: ["can't be blank"] }, "refused").general).toBe("can't be blank");
    expect(rowErrors({}, "refused").general).toBe("refused");
  });
});
