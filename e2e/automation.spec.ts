import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures";
import { setUpSpecInbox } from "./support/spec-inbox";

/**
 * MA3: an administrator's automation rule labels a conversation whose visitor message contains a
 * keyword — after the message is stored, through the running server's workflow processor. The rule
 * is narrowed to this spec's inbox so other specs' conversations never match it.
 */
const token = () => randomBytes(6).toString("hex");

test.describe("automation rules (MA3)", () => {
  const spec = setUpSpecInbox({ name: "E2E automation", autoAssignment: false });

  test("a rule labels a conversation whose visitor message contains the keyword", async ({ request }) => {
    const api = (path: string) => `/api/v1/accounts/${spec.accountId}${path}`;
    const headers = { api_access_token: spec.apiToken };
    const label = `refunds-${token()}`;
    const keyword = `refund${token()}`;
    expect((await request.post(api("/labels"), { headers, data: { title: label } })).status()).toBe(200);
    const created = await request.post(api("/automation_rules"), {
      headers,
      data: {
        name: `Refunds ${keyword}`,
        event_name: "message_created",
        conditions: [
          { attribute_key: "inbox_id", filter_operator: "equal_to", values: [spec.inboxId], query_operator: "and" },
          { attribute_key: "message_type", filter_operator: "equal_to", values: ["incoming"], query_operator: "and" },
          { attribute_key: "content", filter_operator: "contains", values: [keyword] },
        ],
        actions: [{ action_name: "add_label", action_params: [label] }],
      },
    });
    expect(created.status()).toBe(200);
    const rule = ((await created.json()) as { payload: { id: number } }).payload;
    try {
      const base = `/public/api/v1/inboxes/${spec.websiteToken}`;
      const visitor = async (content: string) => {
        const { source_id } = (await (await request.post(`${base}/contacts`, { data: { name: `Rule Visitor ${token()}` } })).json()) as { source_id: string };
        const { id } = (await (await request.post(`${base}/contacts/${source_id}/conversations`, { data: {} })).json()) as { id: number };
        expect((await request.post(`${base}/contacts/${source_id}/conversations/${id}/messages`, { data: { content } })).status()).toBe(200);
        return id;
      };
      const labelsOf = async (id: number) => ((await (await request.get(api(`/conversations/${id}/labels`), { headers })).json()) as { payload: string[] }).payload;

      const matching = await visitor(`Hello, I would like a ${keyword.toUpperCase()} for my order`);
      const other = await visitor("Where is my parcel?");
      await expect.poll(() => labelsOf(matching), { timeout: 15_000 }).toEqual([label]);
      // A message without the keyword matches nothing.
      expect(await labelsOf(other)).toEqual([]);
    } finally {
      await request.delete(api(`/automation_rules/${rule.id}`), { headers });
    }
  });
});
