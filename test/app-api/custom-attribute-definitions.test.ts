import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as contactRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/route";
import * as definitionsRoute from "@/app/api/v1/accounts/[accountId]/custom_attribute_definitions/route";
import * as definitionRoute from "@/app/api/v1/accounts/[accountId]/custom_attribute_definitions/[definitionId]/route";
import { contacts, customAttributeDefinitions } from "@/db/schema";
import { backends } from "@/test/support/db";
import { buildContact } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;

describe.each(backends)("Custom attribute definitions on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  const acc = (extra: Record<string, string> = {}) => ({ accountId: String(w.account.id), ...extra });
  const create = (body: unknown, token = w.admin.accessToken) => call(definitionsRoute.POST, { method: "POST", params: acc(), token, body });

  it("administrators create, list (by model), show, change and delete definitions in Chatwoot's shape", async () => {
    const res = await create({
      custom_attribute_definition: { attribute_display_name: "Plan", attribute_key: "plan", attribute_display_type: "list", attribute_model: "contact_attribute", attribute_values: ["free", "pro"] },
    });
    expect(res.status).toBe(200);
    const plan = res.body as Body;
    expect(Object.keys(plan)).toEqual([
      "id",
      "attribute_display_name",
      "attribute_display_type",
      "attribute_description",
      "attribute_key",
      "regex_pattern",
      "regex_cue",
      "attribute_values",
      "attribute_model",
      "default_value",
      "created_at",
      "updated_at",
    ]);
    expect(plan).toMatchObject({ attribute_display_type: "list", attribute_model: "contact_attribute", attribute_values: ["free", "pro"] });
    // Chatwoot's enum integers are accepted too: 1 = number, 0 = conversation_attribute.
    const seats = (await create({ attribute_display_name: "Seats", attribute_key: "seats", attribute_display_type: 1, attribute_model: 0 })).body as Body;
    expect(seats).toMatchObject({ attribute_display_type: "number", attribute_model: "conversation_attribute" });

    const contactOnes = await call(definitionsRoute.GET, { params: acc(), token: w.agent.accessToken, path: `/x?attribute_model=contact_attribute` });
    expect((contactOnes.body as Body[]).map((d) => d.attribute_key)).toEqual(["plan"]);
    const all = await call(definitionsRoute.GET, { params: acc(), token: w.agent.accessToken });
    expect((all.body as Body[]).map((d) => d.attribute_key)).toEqual(["plan", "seats"]);

    const renamed = await call(definitionRoute.PATCH, {
      method: "PATCH",
      params: acc({ definitionId: String(seats.id) }),
      token: w.admin.accessToken,
      body: { attribute_display_name: "Licensed seats" },
    });
    expect((renamed.body as Body).attribute_display_name).toBe("Licensed seats");
    const gone = await call(definitionRoute.DELETE, { method: "DELETE", params: acc({ definitionId: String(seats.id) }), token: w.admin.accessToken });
    expect(gone.status).toBe(204);
    expect((await call(definitionRoute.GET, { params: acc({ definitionId: String(seats.id) }), token: w.admin.accessToken })).status).toBe(404);
  });

  it("refuses agents (403), bad fields (422 naming them), a taken key per model, and a list without values; nothing is written", async () => {
    const count = async () => (await t.db.select().from(customAttributeDefinitions).where(eq(customAttributeDefinitions.accountId, w.account.id))).length;
    const before = await count();
    expect((await create({ attribute_display_name: "X", attribute_key: "x" }, w.agent.accessToken)).status).toBe(403);
    const cases: [unknown, string][] = [
      [{ attribute_key: "k" }, "attribute_display_name"],
      [{ attribute_display_name: "K", attribute_key: "Bad Key" }, "attribute_key"],
      [{ attribute_display_name: "K", attribute_key: "k", attribute_display_type: "currency" }, "attribute_display_type"],
      [{ attribute_display_name: "K", attribute_key: "k", attribute_model: "inbox" }, "attribute_model"],
      [{ attribute_display_name: "K", attribute_key: "k", attribute_display_type: "list" }, "attribute_values"],
      [{ attribute_display_name: "K", attribute_key: "k", regex_pattern: "([" }, "regex_pattern"],
      [{ attribute_display_name: "Plan again", attribute_key: "plan", attribute_model: "contact_attribute" }, "attribute_key"],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect([JSON.stringify(body), res.status, (res.body as Body).attributes]).toEqual([JSON.stringify(body), 422, [field]]);
    }
    expect(await count()).toBe(before);
    // The same key for the other model is fine.
    expect((await create({ attribute_display_name: "Plan", attribute_key: "plan", attribute_model: "conversation_attribute" })).status).toBe(200);
  });

  it("contact values are checked against their definitions by type; undefined keys stay free-form", async () => {
    for (const d of [
      { attribute_display_name: "Renewal", attribute_key: "renewal", attribute_display_type: "date" },
      { attribute_display_name: "Site", attribute_key: "site", attribute_display_type: "link" },
      { attribute_display_name: "Vip", attribute_key: "vip", attribute_display_type: "checkbox" },
      { attribute_display_name: "Orders", attribute_key: "orders", attribute_display_type: "number" },
      { attribute_display_name: "Ref", attribute_key: "ref", attribute_display_type: "text", regex_pattern: "^[A-Z]{3}-\\d+$" },
    ]) {
      expect((await create({ ...d, attribute_model: "contact_attribute" })).status).toBe(200);
    }
    const contact = await buildContact(t.db, { accountId: w.account.id, name: "Typed" });
    const put = (custom_attributes: Body) => call(contactRoute.PUT, { method: "PUT", params: acc({ contactId: String(contact.id) }), token: w.agent.accessToken, body: { custom_attributes } });
    const ok = await put({ plan: "pro", renewal: "2027-01-31", site: "https://example.test", vip: true, orders: 3, ref: "ABC-12", anything: { nested: 1 } });
    expect(ok.status).toBe(200);
    const bad = await put({ plan: "gold", renewal: "next week", site: "javascript:alert(1)", vip: "yes", orders: "many", ref: "abc" });
    expect(bad.status).toBe(422);
    expect((bad.body as Body).attributes).toEqual([
      "custom_attributes.plan",
      "custom_attributes.renewal",
      "custom_attributes.site",
      "custom_attributes.vip",
      "custom_attributes.orders",
      "custom_attributes.ref",
    ]);
    const [row] = await t.db.select().from(contacts).where(eq(contacts.id, contact.id));
    expect(row!.customAttributes).toMatchObject({ plan: "pro", renewal: "2027-01-31", vip: true });
  });
});
