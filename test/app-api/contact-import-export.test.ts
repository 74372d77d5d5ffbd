import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/v1/accounts/[accountId]/contacts/export/route";
import * as importRoute from "@/app/api/v1/accounts/[accountId]/contacts/import/route";
import { contacts, customAttributeDefinitions } from "@/db/schema";
import { backends } from "@/test/support/db";
import { buildContact } from "@/test/support/engine-fixtures";
import { apiRequest, callRoute } from "@/test/support/http";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;

describe.each(backends)("Contacts CSV import and export on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  beforeAll(async () => {
    await t.db
      .insert(customAttributeDefinitions)
      .values({ accountId: w.account.id, attributeDisplayName: "Seats", attributeKey: "seats", attributeDisplayType: "number", attributeModel: "contact_attribute" });
    await buildContact(t.db, { accountId: w.account.id, name: "Existing Ed", email: "ed@example.test" });
  });

  const upload = async (csv: string, token = w.admin.accessToken) => {
    const form = new FormData();
    form.append("import_file", new File([csv], "contacts.csv", { type: "text/csv" }));
    const req = new Request(`http://localhost/api/v1/accounts/${w.account.id}/contacts/import`, { method: "POST", headers: { api_access_token: token }, body: form });
    const res = await callRoute(importRoute.POST, req, { accountId: String(w.account.id) });
    return { status: res.status, body: (await res.json()) as Body };
  };
  const count = async () => (await t.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.accountId, w.account.id))).length;

  it("a file with one bad row imports nothing and reports every error with its line", async () => {
    const before = await count();
    const res = await upload(
      ["name,email,phone_number,company,seats", "Ann,ann@example.test,+4930123456,Acme,12", "Bad Bob,not-an-email,12345,,many", "Dup,ED@example.test,,,", "Ann again,ann@example.test,,,"].join("\n"),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ attributes: ["import_file"], errors: { import_file: ["has 3 rows with errors; nothing was imported"] } });
    expect(res.body.rows).toEqual([
      { row: 3, field: "seats", messages: ["must be a number"] },
      { row: 3, field: "email", messages: ["is invalid"] },
      { row: 3, field: "phone_number", messages: ["is invalid"] },
      { row: 4, field: "email", messages: [expect.stringMatching(/^has already been taken \(contact \d+, Existing Ed\)$/)] },
      { row: 5, field: "email", messages: ["is also on line 2"] },
    ]);
    expect(await count()).toBe(before);
  });

  it("a valid file imports every row in one go (typed custom attributes, company in additional_attributes)", async () => {
    const before = await count();
    const res = await upload('\ufeffName,Email,Phone_Number,Company,City,Seats\nAnn,ANN@example.test,+4930123456,Acme,Berlin,12\n"Lee, Jr.",,+4930999888,,,\n');
    expect(res).toEqual({ status: 200, body: { imported: 2 } });
    expect(await count()).toBe(before + 2);
    const [ann] = await t.db.select().from(contacts).where(eq(contacts.email, "ann@example.test"));
    expect(ann).toMatchObject({ name: "Ann", phoneNumber: "+4930123456", contactType: "lead", additionalAttributes: { company_name: "Acme", city: "Berlin" }, customAttributes: { seats: 12 } });
  });

  it("refuses unknown columns, an empty file, a non-CSV body and agents; nothing is written", async () => {
    const before = await count();
    expect((await upload("name,email,shoe_size\nA,a@x.test,42")).body.errors).toEqual({ import_file: [expect.stringContaining("unknown columns: shoe_size")] });
    expect((await upload("name,email\n")).status).toBe(422);
    expect((await upload('name,email\n"unclosed,a@x.test')).status).toBe(422);
    expect((await upload("name,email\nA,a@x.test", w.agent.accessToken)).status).toBe(403);
    const json = await call(importRoute.POST, { method: "POST", params: { accountId: String(w.account.id) }, token: w.admin.accessToken, body: { import_file: "x" } });
    expect(json.status).toBe(415);
    expect(await count()).toBe(before);
  });

  it("exports the contacts of a filter as CSV, formulas neutralised, readable by the import", async () => {
    await buildContact(t.db, { accountId: w.account.id, name: '=HYPERLINK("http://evil")', email: "evil@example.test", additionalAttributes: { city: "Berlin" } });
    const req = await apiRequest(`/api/v1/accounts/${w.account.id}/contacts/export`, {
      method: "POST",
      token: w.admin.accessToken,
      body: { payload: [{ attribute_key: "city", filter_operator: "equal_to", values: ["berlin"] }] },
    });
    const res = await callRoute(exportRoute.POST, req, { accountId: String(w.account.id) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parse(await res.text()) as string[][];
    expect(header).toEqual(["name", "email", "phone_number", "identifier", "company", "city", "country", "seats", "id", "created_at", "last_activity_at"]);
    expect(rows.map((r) => r[1]).sort()).toEqual(["ann@example.test", "evil@example.test"]);
    expect(rows.find((r) => r[1] === "evil@example.test")![0]).toBe('\'=HYPERLINK("http://evil")');
    expect((await call(exportRoute.POST, { method: "POST", params: { accountId: String(w.account.id) }, token: w.agent.accessToken, body: {} })).status).toBe(403);
  });
});
