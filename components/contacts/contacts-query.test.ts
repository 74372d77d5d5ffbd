import { describe, expect, it } from "vitest";
import { contactsPlaceQuery, pageRequest, parseContactsPlace, payloadOf, type Condition } from "./contacts-query";

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

  it("keeps an unsaved filter in the URL (filter=) and a saved one as filter_id=, ignoring anything malformed", () => {
    const conditions: Condition[] = [
      { attribute_key: "city", filter_operator: "equal_to", values: ["Казань"], query_operator: "or" },
      { attribute_key: "blocked", filter_operator: "equal_to", values: [false], query_operator: "and" },
    ];
    const query = contactsPlaceQuery({ filterId: null, conditions });
    expect(query.startsWith("?filter=")).toBe(true);
    expect(parseContactsPlace(new URLSearchParams(query))).toEqual({ filterId: null, conditions });
    expect(contactsPlaceQuery({ filterId: 4, conditions })).toBe("?filter_id=4");
    expect(parseContactsPlace(new URLSearchParams(`filter_id=4&${query.slice(1)}`))).toEqual({ filterId: 4, conditions: null });
    expect(contactsPlaceQuery({ filterId: null, conditions: null })).toBe("");
    // Chatwoot leaves the last condition's query_operator out; the contacts payload says "and".
    expect(parseContactsPlace(new URLSearchParams({ filter: '[{"attribute_key":"email","filter_operator":"is_present"}]' })).conditions).toEqual([
      { attribute_key: "email", filter_operator: "is_present", values: [], query_operator: "and" },
    ]);
    for (const bad of ["x", "[]", '[{"attribute_key":"email"}]', '[{"attribute_key":"email","filter_operator":"contains","values":[[1]]}]'])
      expect(parseContactsPlace(new URLSearchParams({ filter: bad }))).toEqual({ filterId: null, conditions: null });
    expect(parseContactsPlace(new URLSearchParams("filter_id=0"))).toEqual({ filterId: null, conditions: null });
  });
});
