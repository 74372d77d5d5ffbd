import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as filterRoute from "@/app/api/v1/accounts/[accountId]/conversations/filter/route";
import { contacts, conversations, customAttributeDefinitions, teams } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { backends } from "@/test/support/db";
import { buildLabel } from "@/test/support/engine-fixtures";
import { call } from "./support";
import { setUpWorkflowWorld, type List } from "./workflow-world";

describe.each(backends)("POST /conversations/filter on %s", (backend) => {
  const { t, w, acc, newConversation } = setUpWorkflowWorld(backend);

  describe("POST /conversations/filter (WF3)", () => {
    const filter = (payload: unknown, token = w.admin.accessToken) => call(filterRoute.POST, { method: "POST", params: acc(), token, body: { payload } });

    it("answers the list's shape with counts; AND/OR as Chatwoot chains them; contact attributes and dates work", async () => {
      const hot = await newConversation({ status: "pending", priority: "urgent", labels: ["vip"] }, { name: "Zed Hotline", email: "zed@hot.example" });
      const cold = await newConversation({ status: "pending", priority: "low" }, { name: "Yan Cold" });
      const res = await filter([
        { attribute_key: "status", filter_operator: "equal_to", values: ["pending"], query_operator: "AND" },
        { attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"], query_operator: "OR" },
        { attribute_key: "name", filter_operator: "contains", values: ["yan col"] },
      ]);
      expect(res.status).toBe(200);
      const body = res.body as List;
      expect(Object.keys(body.data)).toEqual(["meta", "payload"]);
      expect(Object.keys(body.data.meta)).toEqual(["mine_count", "assigned_count", "unassigned_count", "all_count"]);
      expect(body.data.payload.map((x) => x.id).sort()).toEqual([hot.displayId, cold.displayId].sort());
      const byEmail = (await filter([{ attribute_key: "email", filter_operator: "equal_to", values: ["ZED@hot.example"] }])).body as List;
      expect(byEmail.data.payload.map((x) => x.id)).toEqual([hot.displayId]);
      const labelled = (
        await filter([
          { attribute_key: "labels", filter_operator: "equal_to", values: ["vip"], query_operator: "and" },
          { attribute_key: "display_id", filter_operator: "equal_to", values: [String(hot.displayId)] },
        ])
      ).body as List;
      expect(labelled.data.payload.map((x) => x.id)).toEqual([hot.displayId]);
      const future = (await filter([{ attribute_key: "created_at", filter_operator: "is_greater_than", values: ["2999-01-01"] }])).body as List;
      expect(future.data.meta.all_count).toBe(0);
      const old = (await filter([{ attribute_key: "last_activity_at", filter_operator: "days_before", values: [3] }])).body as List;
      expect(old.data.payload.map((x) => x.id)).not.toContain(hot.displayId);
    });

    it("WF3: every listed attribute with each of its operators selects what it says", async () => {
      await buildLabel(t.db, { accountId: w.account.id, title: "matrix" });
      await t.db.insert(customAttributeDefinitions).values([
        { accountId: w.account.id, attributeDisplayName: "Seats", attributeKey: "seats", attributeModel: "conversation_attribute", attributeDisplayType: "number" },
        { accountId: w.account.id, attributeDisplayName: "Tier", attributeKey: "tier", attributeModel: "contact_attribute", attributeDisplayType: "list" },
      ]);
      const [team] = await t.db
        .insert(teams)
        .values({ accountId: w.account.id, name: `Matrix ${backend}` })
        .returning();
      const long = new Date(Date.now() - 10 * 86_400_000);
      const a = await newConversation(
        {
          status: "pending",
          priority: "urgent",
          assigneeId: w.agent.id,
          teamId: team!.id,
          labels: ["matrix", "vip"],
          additionalAttributes: { browser_language: "de", referer: "https://shop.example/cart" },
          customAttributes: { seats: 5 },
          createdAt: long,
          lastActivityAt: long,
        },
        { name: "Zara Matrix", email: "zara@matrix.example" },
      );
      const contact = (await t.db.select({ contactId: conversations.contactId }).from(conversations).where(eq(conversations.id, a.id)))[0]!.contactId;
      await t.db
        .update(contacts)
        .set({ phoneNumber: "+14155550101", customAttributes: { tier: "Gold" } })
        .where(eq(contacts.id, contact));
      const b = await newConversation({ labels: ["matrix"] }, { name: "Yuri Plain", email: "" });
      const day = (d: Date) => d.toISOString().slice(0, 10);
      const yesterday = day(new Date(Date.now() - 86_400_000));
      // [attribute, operator, values, which of a and b it selects]
      const rows: [string, string, unknown[], string][] = [
        ["status", "equal_to", ["pending"], "a"],
        ["status", "not_equal_to", ["pending"], "b"],
        ["priority", "equal_to", ["urgent", "high"], "a"],
        ["priority", "not_equal_to", ["urgent"], "b"],
        ["priority", "is_present", [], "a"],
        ["priority", "is_not_present", [], "b"],
        ["assignee_id", "equal_to", [w.agent.id], "a"],
        ["assignee_id", "not_equal_to", [w.agent.id], "b"],
        ["assignee_id", "is_present", [], "a"],
        ["assignee_id", "is_not_present", [], "b"],
        ["inbox_id", "equal_to", [w.inbox.id], "ab"],
        ["inbox_id", "not_equal_to", [w.inbox.id], ""],
        ["team_id", "equal_to", [team!.id], "a"],
        ["team_id", "not_equal_to", [team!.id], "b"],
        ["team_id", "is_present", [], "a"],
        ["team_id", "is_not_present", [], "b"],
        ["labels", "equal_to", ["vip"], "a"],
        ["labels", "not_equal_to", ["vip"], "b"],
        ["display_id", "equal_to", [a.displayId], "a"],
        ["display_id", "not_equal_to", [a.displayId], "b"],
        ["display_id", "is_greater_than", [a.displayId], "b"],
        ["display_id", "is_less_than", [b.displayId], "a"],
        ["created_at", "is_less_than", [yesterday], "a"],
        ["created_at", "is_greater_than", [yesterday], "b"],
        ["created_at", "days_before", [5], "a"],
        ["last_activity_at", "is_greater_than", [yesterday], "b"],
        ["last_activity_at", "days_before", [5], "a"],
        ["name", "equal_to", ["zara matrix"], "a"],
        ["name", "not_equal_to", ["Zara Matrix"], "b"],
        ["name", "contains", ["ZARA"], "a"],
        ["name", "does_not_contain", ["zara"], "b"],
        ["email", "contains", ["@matrix."], "a"],
        ["email", "is_present", [], "a"],
        ["email", "is_not_present", [], "b"],
        ["phone_number", "equal_to", ["+14155550101"], "a"],
        ["phone_number", "is_not_present", [], "b"],
        ["browser_language", "equal_to", ["DE"], "a"],
        ["referer", "contains", ["shop.example"], "a"],
        ["referer", "does_not_contain", ["shop.example"], "b"],
        ["seats", "is_greater_than", [4], "a"],
        ["seats", "is_not_present", [], "b"],
        ["tier", "equal_to", ["gold"], "a"],
        ["tier", "not_equal_to", ["gold"], "b"],
      ];
      const got: [string, string][] = [];
      for (const [key, op, values] of rows) {
        const res = await filter([
          { attribute_key: key, filter_operator: op, values, query_operator: "and" },
          { attribute_key: "labels", filter_operator: "equal_to", values: ["matrix"] },
        ]);
        expect(res.status, `${key} ${op}: ${res.text.slice(0, 200)}`).toBe(200);
        const ids = (res.body as List).data.payload.map((x) => x.id);
        got.push([`${key} ${op}`, `${ids.includes(a.displayId) ? "a" : ""}${ids.includes(b.displayId) ? "b" : ""}`]);
      }
      expect(got).toEqual(rows.map(([key, op, , which]) => [`${key} ${op}`, which]));
    });

    it("an agent's filter sees only their inboxes' conversations", async () => {
      const foreign = await createConversation(t.db, { accountId: w.account.id, inboxId: w.otherInbox.id, contactId: w.otherContact.id, contactInboxId: w.otherContactInbox.id });
      const res = (await filter([{ attribute_key: "inbox_id", filter_operator: "equal_to", values: [w.otherInbox.id] }], w.agent.accessToken)).body as List;
      expect(res.data.payload.map((x) => x.id)).not.toContain(foreign.displayId);
      expect(res.data.meta.all_count).toBe(0);
    });

    it("WF3: an unknown attribute or operator, or a value of the wrong kind, is a 422 naming it", async () => {
      const unknown = await filter([{ attribute_key: "shoe_size", filter_operator: "equal_to", values: ["9"] }]);
      expect(unknown.status).toBe(422);
      expect(unknown.text).toContain("shoe_size");
      const op = await filter([{ attribute_key: "status", filter_operator: "contains", values: ["open"] }]);
      expect([op.status, (op.body as { attributes: string[] }).attributes]).toEqual([422, ["filter_operator"]]);
      const noSuchOp = await filter([{ attribute_key: "status", filter_operator: "sounds_like", values: ["open"] }]);
      expect(noSuchOp.text).toContain("sounds_like");
      const value = await filter([{ attribute_key: "status", filter_operator: "equal_to", values: ["closed"] }]);
      expect([value.status, (value.body as { attributes: string[] }).attributes]).toEqual([422, ["values"]]);
      const date = await filter([{ attribute_key: "created_at", filter_operator: "is_less_than", values: ["yesterday-ish"] }]);
      expect(date.status).toBe(422);
      const ids = await filter([{ attribute_key: "assignee_id", filter_operator: "equal_to", values: ["1; drop table"] }]);
      expect(ids.status).toBe(422);
      expect((await filter([])).status).toBe(422);
    });
  });
});
