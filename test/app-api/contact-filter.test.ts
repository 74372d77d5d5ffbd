import { beforeAll, describe, expect, it } from "vitest";
import * as filterRoute from "@/app/api/v1/accounts/[accountId]/contacts/filter/route";
import { customAttributeDefinitions } from "@/db/schema";
import { backends } from "@/test/support/db";
import { buildContact } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;
type Listed = { meta: { count: number; current_page: number | string }; payload: { name: string }[] };

describe.each(backends)("POST /contacts/filter (Chatwoot's payload) on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  beforeAll(async () => {
    await t.db.insert(customAttributeDefinitions).values([
      { accountId: w.account.id, attributeDisplayName: "Plan", attributeKey: "plan", attributeDisplayType: "list", attributeModel: "contact_attribute", attributeValues: ["free", "pro"] },
      { accountId: w.account.id, attributeDisplayName: "Seats", attributeKey: "seats", attributeDisplayType: "number", attributeModel: "contact_attribute" },
    ]);
    const day = (d: number) => new Date(Date.UTC(2026, 0, d));
    await buildContact(t.db, {
      accountId: w.account.id,
      name: "Ana Berlin",
      email: "ana@acme.test",
      additionalAttributes: { city: "Berlin", company_name: "Acme" },
      customAttributes: { plan: "pro", seats: 12 },
      lastActivityAt: day(5),
    });
    await buildContact(t.db, {
      accountId: w.account.id,
      name: "Bo Paris",
      email: "bo@globex.test",
      additionalAttributes: { city: "Paris" },
      customAttributes: { plan: "free", seats: "3" },
      lastActivityAt: day(4),
    });
    await buildContact(t.db, {
      accountId: w.account.id,
      name: "Cy Berlin",
      phoneNumber: "+4930111222",
      additionalAttributes: { city: "berlin" },
      customAttributes: { seats: "lots" },
      blocked: true,
      lastActivityAt: day(3),
    });
    await buildContact(t.db, { accountId: w.account.id, name: "Anonymous Visitor" });
  });

  const filter = async (payload: unknown) => call(filterRoute.POST, { method: "POST", params: { accountId: String(w.account.id) }, token: w.agent.accessToken, body: { payload } });
  const names = async (payload: unknown) => ((await filter(payload)).body as Listed).payload.map((c) => c.name);

  it("filters on standard, additional and custom attributes, joined by query_operator", async () => {
    expect(await names([{ attribute_key: "city", filter_operator: "equal_to", values: ["BERLIN"] }])).toEqual(["Ana Berlin", "Cy Berlin"]);
    expect(await names([{ attribute_key: "email", filter_operator: "contains", values: ["globex"] }])).toEqual(["Bo Paris"]);
    expect(await names([{ attribute_key: "plan", filter_operator: "equal_to", values: ["pro"], custom_attribute_type: "" }])).toEqual(["Ana Berlin"]);
    expect(await names([{ attribute_key: "seats", filter_operator: "is_greater_than", values: [5] }])).toEqual(["Ana Berlin"]);
    expect(await names([{ attribute_key: "blocked", filter_operator: "equal_to", values: [true] }])).toEqual(["Cy Berlin"]);
    expect(await names([{ attribute_key: "company", filter_operator: "is_not_present", values: [] }])).toEqual(["Bo Paris", "Cy Berlin"]);
    expect(
      await names([
        { attribute_key: "city", filter_operator: "equal_to", values: ["paris"], query_operator: "or" },
        { attribute_key: "phone_number", filter_operator: "is_present", values: [] },
      ]),
    ).toEqual(["Bo Paris", "Cy Berlin"]);
    expect(await names([{ attribute_key: "last_activity_at", filter_operator: "is_less_than", values: ["2026-01-04T12:00:00Z"] }])).toEqual(["Bo Paris", "Cy Berlin"]);
    const res = await filter([{ attribute_key: "name", filter_operator: "starts_with", values: ["%"] }]);
    expect((res.body as Listed).meta).toEqual({ count: 0, current_page: 1 });
  });

  it("an unknown key, operator or value type is a 422 naming payload, never a 500", async () => {
    for (const payload of [
      [{ attribute_key: "labels", filter_operator: "equal_to", values: ["vip"] }],
      [{ attribute_key: "name", filter_operator: "sounds_like", values: ["x"] }],
      [{ attribute_key: "seats", filter_operator: "is_greater_than", values: ["many"] }],
      [{ attribute_key: "name", filter_operator: "equal_to", values: [] }],
      [{ attribute_key: "blocked", filter_operator: "contains", values: ["x"] }],
      [],
      "nope",
    ]) {
      const res = await filter(payload);
      expect([JSON.stringify(payload), res.status, ((res.body as Body).attributes as string[])[0]!.split(".")[0]]).toEqual([JSON.stringify(payload), 422, "payload"]);
    }
  });
});
