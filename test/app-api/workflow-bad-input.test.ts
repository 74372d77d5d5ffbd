import { beforeAll, describe, expect, it } from "vitest";
import { automationRules, contacts, conversations, customAttributeDefinitions, customFilters, events, macros, messages, notifications, notificationSettings, teamMembers, teams } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { backends } from "@/test/support/db";
import { setUpApiWorld } from "@/test/support/api-world";
import { buildLabel } from "@/test/support/engine-fixtures";
import { call } from "./support";
import { cond, ROWS, type Ids } from "./workflow-bad-input-rows";

/**
 * R4 for the team workflow (issue #15): each route's bad input is a 422 that names the field (or, for
 * a filter condition, what is wrong with it), on Postgres and PGlite, and nothing is written — the
 * workflow's tables, the conversations, their messages and the outbox are the same before and after.
 * The generic fuzz (test/reliability/r4-fuzz.test.ts) walks every route with random bodies; these rows
 * (workflow-bad-input-rows.ts) are the ones a client actually gets wrong: filters (WF3), saved views
 * (WF4), bulk actions (WF5), notifications (NT1, NT4), macros (MA1, MA2) and automation rules (MA3).
 */
describe.each(backends)("R4 team workflow bad input on %s: a 422 naming the field, nothing written", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  let ids: Ids;
  beforeAll(async () => {
    await buildLabel(t.db, { accountId: w.account.id, title: "vip" });
    const [billing] = await t.db.insert(teams).values({ accountId: w.account.id, name: "Billing" }).returning();
    await t.db.insert(customAttributeDefinitions).values([
      { accountId: w.account.id, attributeDisplayName: "Seats", attributeKey: "seats", attributeModel: "conversation_attribute", attributeDisplayType: "number" },
      { accountId: w.account.id, attributeDisplayName: "Renewal", attributeKey: "renewal", attributeModel: "contact_attribute", attributeDisplayType: "date" },
    ]);
    const [saved] = await t.db
      .insert(customFilters)
      .values({ accountId: w.account.id, userId: w.admin.id, name: "VIP", filterType: "conversation", query: { payload: [cond("labels", "equal_to", ["vip"])] } })
      .returning();
    const [macro] = await t.db
      .insert(macros)
      .values({ accountId: w.account.id, name: "Close", visibility: "global", createdById: w.admin.id, actions: [{ action_name: "resolve_conversation", action_params: [] }] })
      .returning();
    const [r] = await t.db
      .insert(automationRules)
      .values({ accountId: w.account.id, name: "Close", eventName: "conversation_created", conditions: [], actions: [{ action_name: "resolve_conversation", action_params: [] }] })
      .returning();
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    ids = { teamId: billing!.id, customFilterId: saved!.id, macroId: macro!.id, ruleId: r!.id, conversation: c };
  });

  /** Every row a workflow request could touch. */
  async function snapshot() {
    return JSON.stringify([
      await t.db.select().from(teams).orderBy(teams.id),
      await t.db.select().from(teamMembers).orderBy(teamMembers.id),
      await t.db.select().from(customFilters).orderBy(customFilters.id),
      await t.db.select().from(macros).orderBy(macros.id),
      await t.db.select().from(automationRules).orderBy(automationRules.id),
      await t.db.select().from(notifications).orderBy(notifications.id),
      await t.db.select().from(notificationSettings),
      await t.db.select().from(conversations).orderBy(conversations.id),
      await t.db.select().from(contacts).orderBy(contacts.id),
      (await t.db.select({ id: messages.id }).from(messages)).length,
      (await t.db.select({ id: events.id }).from(events)).length,
    ]);
  }

  /** Placeholders in bodies and params for ids the world only has at run time. */
  function resolve<T>(v: T): T {
    const ids: Record<string, number> = { STRANGER: w.strangerAdmin.id, OUTSIDER: w.outsider.id, CONTACT: w.contact.id };
    return JSON.parse(JSON.stringify(v ?? null), (_, x: unknown) => (typeof x === "string" && x in ids ? ids[x] : x)) as T;
  }

  it.each(ROWS.map((r) => [r.name, r] as const))("%s", async (_name, r) => {
    const before = await snapshot();
    const params = { accountId: String(w.account.id), ...Object.fromEntries(Object.entries(resolve(r.params?.(ids) ?? {})).map(([k, v]) => [k, String(v)])) };
    const res = await call(r.handler, {
      method: r.method,
      params,
      token: w.admin.accessToken,
      body: r.body ? resolve(r.body(ids)) : undefined,
      path: `/api/v1/accounts/${w.account.id}/x${r.query ? `?${r.query}` : ""}`,
    });
    expect(res.status, res.text.slice(0, 300)).toBe(422);
    const body = res.body as { message: string; attributes: string[] };
    expect(
      body.attributes.some((a) => a === r.field || a.endsWith(`.${r.field}`)),
      `${JSON.stringify(body.attributes)} names ${r.field}`,
    ).toBe(true);
    if (r.says) expect(body.message).toContain(r.says);
    expect(await snapshot(), "wrote while refusing").toBe(before);
  });
});
