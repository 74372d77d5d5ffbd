import { describe, expect, it } from "vitest";
import { pageRequest, payloadOf } from "./contacts-query";

// K5: the contacts list asks the API the way Chatwoot's clients do.
describe("contacts list requests (K5)", () => {
  it("lists, searches and filters with the sort and page", () => {
    expect(pageRequest({ kind: "all" }, { key: "name", desc: false }, 1).path).toBe("/contacts?page=1&sort=name&include_contact_inboxes=false");
    expect(pageRequest({ kind: "search", q: "анна" }, { key: "created_at", desc: true }, 2).path).toBe(
      "/contacts/search?page=2&sort=-created_at&include_contact_inboxes=false&q=%D0%B0%D0%BD%D0%BD%D0%B0",
    );
    const filter = pageRequest({ kind: "filter", conditions: [{ attribute_key: "city", filter_operator: "equal_to", values: ["Kazan"], query_operator: "and" }] }, { key: "name", desc: false }, 3);
    expect(filter).toEqual({ path: "/contacts/filter?page=3", json: { payload: [{ attribute_key: "city", filter_operator: "equal_to", values: ["Kazan"], query_operator: "and" }] } });
  });

  it("the builder's payload drops values an operator does not take", () => {
    expect(
      payloadOf([
        { attribute_key: "email", filter_operator: "is_present", values: ["x"], query_operator: "or" },
        { attribute_key: "city", filter_operator: "contains", values: ["Ka"], query_operator: "or" },
      ]),
    ).toEqual([
      { attribute_key: "email", filter_operator: "is_present", values: [], query_operator: "or" },
      { attribute_key: "city", filter_operator: "contains", values: ["Ka"], query_operator: "and" },
    ]);
  });
});
