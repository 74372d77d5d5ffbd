import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ruleRoute from "@/app/api/v1/accounts/[accountId]/automation_rules/[ruleId]/route";
import * as rulesRoute from "@/app/api/v1/accounts/[accountId]/automation_rules/route";
import { automationRules, customAttributeDefinitions, teams, workflowEventClaims } from "@/db/schema";
import { createMessage } from "@/lib/messages/create-message";
import { processCommittedEvents } from "@/lib/workflow/process-events";
import { backends, type TestDatabase } from "@/test/support/db";
import { buildConversationRow, buildLabel, messagesOf, reloadConversation } from "@/test/support/engine-fixtures";
import { buildApiWorld, call, closeApiDatabase, openApiDatabase, type ApiWorld } from "../app-api/support";
import { workflowDriver } from "./support";

type Rule = { id: number; account_id: number; name: string; description: string | null; event_name: string; conditions: unknown[]; actions: unknown[]; created_on: number; active: boolean };

describe.each(backends)("automation rules on %s", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  let driver: ReturnType<typeof workflowDriver>;
  beforeAll(async () => {
    t = await openApiDatabase(backend);
    w = await buildApiWorld(t.db);
    for (const title of ["billing", "seen", "urgent"]) await buildLabel(t.db, { accountId: w.account.id, title });
    await t.db.insert(customAttributeDefinitions).values({ accountId: w.account.id, attributeDisplayName: "Plan", attributeKey: "plan", attributeModel: "conversation_attribute" });
    driver = workflowDriver(t.db);
  });
  afterAll(async () => closeApiDatabase(t));
  beforeEach(async () => {
    await driver.settle();
    await t.db.delete(automationRules);
  });
  const p = (extra: Record<string, string> = {}) => ({ accountId: String(w.account.id), ...extra });
  const createRule = (body: unknown, token = w.admin.accessToken) => call(rulesRoute.POST, { method: "POST", params: p(), token, body });
  const conversation = () => buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
  const visitorSays = (conversationId: number, content: string) => createMessage(t.db, { conversationId, sender: { type: "contact", id: w.contact.id }, input: { content } });
  const keywordRule = {
    name: "Refunds go to billing",
    description: "label billing when a visitor says refund",
    event_name: "message_created",
    conditions: [
      { attribute_key: "message_type", filter_operator: "equal_to", values: ["incoming"], query_operator: "and" },
      { attribute_key: "content", filter_operator: "contains", values: ["refund"] },
    ],
    actions: [{ action_name: "add_label", action_params: ["billing"] }],
  };

  it("MA3 administrators create, show, edit and delete rules in Chatwoot's shape; agents cannot", async () => {
    const created = await createRule(keywordRule);
    expect(created.status).toBe(200);
    const rule = (created.body as { payload: Rule }).payload;
    expect(Object.keys(rule)).toEqual(["id", "account_id", "name", "description", "event_name", "conditions", "actions", "created_on", "active"]);
    expect(rule).toMatchObject({ account_id: w.account.id, event_name: "message_created", active: true, actions: keywordRule.actions });
    expect((await call(rulesRoute.GET, { params: p(), token: w.admin.accessToken })).body).toEqual({ payload: [rule] });
    const off = await call(ruleRoute.PATCH, { method: "PATCH", params: p({ ruleId: String(rule.id) }), token: w.admin.accessToken, body: { active: false } });
    expect((off.body as { payload: Rule }).payload).toMatchObject({ active: false, name: rule.name, conditions: rule.conditions });
    expect((await call(ruleRoute.GET, { params: p({ ruleId: String(rule.id) }), token: w.admin.accessToken })).body).toMatchObject({ payload: { active: false } });

    expect((await createRule(keywordRule, w.agent.accessToken)).status).toBe(403);
    expect((await call(rulesRoute.GET, { params: p(), token: w.agent.accessToken })).status).toBe(403);
    expect((await call(ruleRoute.DELETE, { method: "DELETE", params: p({ ruleId: String(rule.id) }), token: w.agent.accessToken })).status).toBe(403);
    expect((await call(ruleRoute.GET, { params: p({ ruleId: String(rule.id) }), token: w.strangerAdmin.accessToken })).status).toBe(404);
    expect((await call(ruleRoute.DELETE, { method: "DELETE", params: p({ ruleId: String(rule.id) }), token: w.admin.accessToken })).status).toBe(200);
    expect((await call(ruleRoute.GET, { params: p({ ruleId: String(rule.id) }), token: w.admin.accessToken })).status).toBe(404);
  });

  it("MA3 bad rules are a 422 naming the field and write nothing", async () => {
    const cases: [unknown, string][] = [
      [{ ...keywordRule, event_name: "contact_created" }, "event_name"],
      [{ ...keywordRule, conditions: [{ attribute_key: "status", filter_operator: "sounds_like", values: ["open"] }] }, "conditions.0.filter_operator"],
      [{ ...keywordRule, conditions: [{ attribute_key: "status", filter_operator: "equal_to", values: ["closed"] }] }, "conditions.0.values.0"],
      [{ ...keywordRule, conditions: [{ attribute_key: "assignee_id", filter_operator: "equal_to", values: ["me"] }] }, "conditions.0.values.0"],
      [{ ...keywordRule, conditions: [{ attribute_key: "status", filter_operator: "equal_to", values: [] }] }, "conditions.0.values"],
      [{ ...keywordRule, event_name: "conversation_created" }, "conditions.0.attribute_key"],
      [{ ...keywordRule, actions: [{ action_name: "send_email_to_team", action_params: [] }] }, "actions.0.action_name"],
      [{ ...keywordRule, name: " " }, "name"],
    ];
    for (const [body, field] of cases) {
      const res = await createRule(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((res.body as { attributes: string[] }).attributes[0]).toContain(field);
    }
    expect(await t.db.select().from(automationRules)).toEqual([]);
  });

  it("MA3 a rule labels a conversation whose visitor message contains the keyword, after the commit", async () => {
    await createRule(keywordRule);
    const c = await conversation();
    await visitorSays(c.id, "Hello, I'd like a REFUND please");
    // The message's own transaction wrote no label: the rule runs after commit.
    expect((await reloadConversation(t.db, c.id)).labels).toEqual([]);
    await driver.settle();
    expect((await reloadConversation(t.db, c.id)).labels).toEqual(["billing"]);

    const other = await conversation();
    await visitorSays(other.id, "Where is my parcel?");
    await driver.settle();
    expect((await reloadConversation(t.db, other.id)).labels).toEqual([]);
  });

  it("MA3 conditions join with and/or (and binds tighter) and read contact fields and custom attributes", async () => {
    await createRule({
      name: "VIP or urgent",
      event_name: "conversation_created",
      conditions: [
        { attribute_key: "email", filter_operator: "contains", values: ["@vip.test"], query_operator: "or" },
        { attribute_key: "plan", filter_operator: "equal_to", values: ["gold"], query_operator: "and" },
        { attribute_key: "status", filter_operator: "equal_to", values: ["open"] },
      ],
      actions: [{ action_name: "change_priority", action_params: ["urgent"] }],
    });
    const gold = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id, customAttributes: { plan: "Gold" } });
    const plain = await conversation();
    const { emitConversationEvents } = await import("@/lib/conversations/emit-conversation-events");
    for (const c of [gold, plain]) await emitConversationEvents(t.db, c, ["conversation.created"]);
    await driver.settle();
    expect((await reloadConversation(t.db, gold.id)).priority).toBe("urgent");
    expect((await reloadConversation(t.db, plain.id)).priority).toBeNull();
  });

  it("MA3 rules resolve and snooze conversations", async () => {
    await createRule({
      name: "Thanks closes",
      event_name: "message_created",
      conditions: [
        { attribute_key: "message_type", filter_operator: "equal_to", values: ["incoming"], query_operator: "and" },
        { attribute_key: "content", filter_operator: "contains", values: ["thanks, bye"] },
      ],
      actions: [{ action_name: "resolve_conversation", action_params: [] }],
    });
    await createRule({
      name: "Low waits",
      event_name: "conversation_created",
      conditions: [{ attribute_key: "priority", filter_operator: "equal_to", values: ["low"] }],
      actions: [{ action_name: "snooze_conversation", action_params: [] }],
    });
    const thanked = await conversation();
    await visitorSays(thanked.id, "Got it. Thanks, bye!");
    const low = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id, priority: "low" });
    const { emitConversationEvents } = await import("@/lib/conversations/emit-conversation-events");
    await emitConversationEvents(t.db, low, ["conversation.created"]);
    await driver.settle();
    expect((await reloadConversation(t.db, thanked.id)).status).toBe("resolved");
    expect((await reloadConversation(t.db, low.id)).status).toBe("snoozed");
    // An agent's outgoing "thanks, bye" is not the visitor's: message_type decides.
    const answered = await conversation();
    await createMessage(t.db, { conversationId: answered.id, sender: { type: "user", id: w.agent.id }, input: { content: "Thanks, bye", message_type: "outgoing" } });
    await driver.settle();
    expect((await reloadConversation(t.db, answered.id)).status).toBe("open");
  });

  it("MA3 conditions read the filter's attributes (ids, team, labels, priority, number, the contact's, browser_language, referer, custom) with every operator", async () => {
    const [team] = await t.db.insert(teams).values({ accountId: w.account.id, name: "Rules" }).returning();
    const c = await buildConversationRow(t.db, {
      accountId: w.account.id,
      inboxId: w.inbox.id,
      contactId: w.contact.id,
      contactInboxId: w.contactInbox.id,
      assigneeId: w.agent.id,
      teamId: team!.id,
      labels: ["billing"],
      priority: "high",
      additionalAttributes: { browser_language: "pt-BR", referer: "https://shop.example/cart" },
      customAttributes: { plan: "Gold" },
    });
    const when: [string, string, unknown[], boolean][] = [
      ["assignee_id", "equal_to", [w.agent.id], true],
      ["assignee_id", "is_not_present", [], false],
      ["team_id", "equal_to", [team!.id], true],
      ["team_id", "not_equal_to", [team!.id], false],
      ["inbox_id", "not_equal_to", [w.otherInbox.id], true],
      ["labels", "equal_to", ["billing"], true],
      ["labels", "is_not_present", [], false],
      ["priority", "not_equal_to", ["low"], true],
      ["priority", "is_present", [], true],
      ["display_id", "equal_to", [c.displayId], true],
      ["status", "not_equal_to", ["open"], false],
      ["name", "contains", ["GRACE"], true],
      ["name", "does_not_contain", ["grace"], false],
      ["phone_number", "is_present", [], false],
      ["browser_language", "equal_to", ["pt-br"], true],
      ["referer", "contains", ["shop.example"], true],
      ["referer", "does_not_contain", ["shop.example"], false],
      ["plan", "equal_to", ["gold"], true],
    ];
    for (const [key, op, values] of when) {
      const res = await createRule({
        name: `${key} ${op}`,
        event_name: "conversation_created",
        conditions: [{ attribute_key: key, filter_operator: op, values }],
        actions: [{ action_name: "add_private_note", action_params: [`${key} ${op}`] }],
      });
      expect(res.status, res.text).toBe(200);
    }
    const { emitConversationEvents } = await import("@/lib/conversations/emit-conversation-events");
    await emitConversationEvents(t.db, c, ["conversation.created"]);
    await driver.settle();
    const notes = new Set((await messagesOf(t.db, c.id)).filter((m) => m.private).map((m) => m.content));
    expect(when.map(([key, op]) => [`${key} ${op}`, notes.has(`${key} ${op}`)])).toEqual(when.map(([key, op, , holds]) => [`${key} ${op}`, holds]));
  });

  it("MA3 date conditions (created_at, last_activity_at) save and match as the conversation filter reads them", async () => {
    const DAY = 86_400_000;
    const now = Date.now();
    const dates = {
      old: { createdAt: new Date(now - 10 * DAY), lastActivityAt: new Date(now - 3 * DAY) },
      fresh: { createdAt: new Date(now - 60_000), lastActivityAt: new Date(now - 60_000) },
    };
    const fiveDaysAgo = new Date(now - 5 * DAY).toISOString().slice(0, 10);
    const fourDaysAgo = new Date(now - 4 * DAY).toISOString();
    // [attribute, operator, values, holds for the old conversation, holds for the fresh one]
    const when: [string, string, (string | number)[], boolean, boolean][] = [
      ["created_at", "is_greater_than", [fiveDaysAgo], false, true],
      ["created_at", "is_less_than", [fiveDaysAgo], true, false],
      ["created_at", "days_before", [7], true, false],
      ["created_at", "days_before", ["7"], true, false],
      ["created_at", "days_before", [30], false, false],
      ["last_activity_at", "days_before", [2], true, false],
      ["last_activity_at", "is_greater_than", [fourDaysAgo], true, true],
      ["last_activity_at", "is_less_than", [fourDaysAgo], false, false],
      ["created_at", "is_present", [], true, true],
      ["last_activity_at", "is_not_present", [], false, false],
    ];
    const rows = { old: await conversation(), fresh: await conversation() };
    const { emitConversationEvents } = await import("@/lib/conversations/emit-conversation-events");
    const { conversationFilterWhere } = await import("@/lib/conversations/filter-conversations");
    const { and: both, eq: is } = await import("drizzle-orm");
    const { conversations } = await import("@/db/schema");
    const seen: [string, boolean, boolean][] = [];
    for (const [key, op, values] of when) {
      const condition = { attribute_key: key, filter_operator: op, values, query_operator: null };
      const tag = `${key} ${op} ${JSON.stringify(values)}`;
      await t.db.delete(automationRules);
      const saved = await createRule({ name: tag, event_name: "conversation_updated", conditions: [condition], actions: [{ action_name: "add_private_note", action_params: [tag] }] });
      expect(saved.status, saved.text).toBe(200);
      expect((saved.body as { payload: Rule }).payload.conditions).toEqual([condition]);
      const holds: Record<string, boolean> = {};
      for (const which of ["old", "fresh"] as const) {
        const c = rows[which];
        // The rule's own note moves last_activity_at: each event starts from the conversation's dates.
        await t.db.update(conversations).set(dates[which]).where(is(conversations.id, c.id));
        const { where } = await conversationFilterWhere(t.db, w.account.id, [condition]);
        const filtered = await t.db
          .select({ id: conversations.id })
          .from(conversations)
          .where(both(is(conversations.id, c.id), where));
        await emitConversationEvents(t.db, c, ["conversation.updated"]);
        await driver.settle();
        holds[which] = (await messagesOf(t.db, c.id)).some((m) => m.content === tag);
        // The same condition, the same answer as POST /conversations/filter.
        expect(holds[which], `${tag} on the ${which} conversation`).toBe(filtered.length === 1);
      }
      seen.push([tag, holds.old!, holds.fresh!]);
    }
    expect(seen).toEqual(when.map(([key, op, values, old, fresh]) => [`${key} ${op} ${JSON.stringify(values)}`, old, fresh]));
  });

  it("MA3 date conditions refuse what the filter refuses: other operators, malformed dates and days, dates' operators elsewhere", async () => {
    const cases: [unknown, string][] = [
      [{ attribute_key: "created_at", filter_operator: "equal_to", values: ["2026-01-01"] }, "conditions.0.filter_operator"],
      [{ attribute_key: "last_activity_at", filter_operator: "contains", values: ["2026"] }, "conditions.0.filter_operator"],
      [{ attribute_key: "created_at", filter_operator: "is_greater_than", values: ["yesterday-ish"] }, "conditions.0.values.0"],
      [{ attribute_key: "created_at", filter_operator: "is_less_than", values: [true] }, "conditions.0.values.0"],
      [{ attribute_key: "last_activity_at", filter_operator: "days_before", values: ["-2"] }, "conditions.0.values.0"],
      [{ attribute_key: "last_activity_at", filter_operator: "days_before", values: [1.5] }, "conditions.0.values.0"],
      [{ attribute_key: "last_activity_at", filter_operator: "days_before", values: [] }, "conditions.0.values"],
      [{ attribute_key: "status", filter_operator: "days_before", values: [3] }, "conditions.0.filter_operator"],
      [{ attribute_key: "plan", filter_operator: "is_greater_than", values: ["2026-01-01"] }, "conditions.0.filter_operator"],
    ];
    for (const [condition, field] of cases) {
      const res = await createRule({ name: "dates", event_name: "conversation_created", conditions: [condition], actions: [{ action_name: "resolve_conversation", action_params: [] }] });
      expect(res.status, JSON.stringify(condition)).toBe(422);
      expect((res.body as { attributes: string[] }).attributes, JSON.stringify(condition)).toContain(field);
    }
    expect(await t.db.select().from(automationRules)).toEqual([]);
  });

  it("MA5 a rule's own changes never trigger rules: no loop, each rule runs once per event", async () => {
    // Every conversation update adds a note and toggles a label: if its own updates re-triggered it, it would never stop.
    await createRule({
      name: "Echo",
      event_name: "conversation_updated",
      conditions: [],
      actions: [
        { action_name: "add_private_note", action_params: ["touched"] },
        { action_name: "add_label", action_params: ["seen"] },
      ],
    });
    const c = await conversation();
    const { toggleConversationPriority } = await import("@/lib/conversations/toggle-priority");
    await toggleConversationPriority(t.db, { conversationId: c.id, input: { priority: "high" }, actor: { type: "user", id: w.admin.id, role: "administrator" } });
    await driver.settle();
    const notes = (await messagesOf(t.db, c.id)).filter((m) => m.content === "touched");
    expect(notes.length).toBe(1);
    expect((await reloadConversation(t.db, c.id)).labels).toEqual(["seen"]);
  });

  it("MA6 a failing rule is logged and skipped; the next rule still runs", async () => {
    await createRule({ ...keywordRule, name: "Broken", actions: [{ action_name: "add_label", action_params: ["no-such-label"] }] });
    await createRule({ ...keywordRule, name: "Works", actions: [{ action_name: "add_label", action_params: ["urgent"] }] });
    const c = await conversation();
    driver.warnings.length = 0;
    await visitorSays(c.id, "refund now");
    await driver.settle();
    expect((await reloadConversation(t.db, c.id)).labels).toEqual(["urgent"]);
    expect(driver.warnings.some((m) => /automation: rule \d+ skipped/.test(m))).toBe(true);
  });

  it("MA4 one event is processed once however many processors read it at the same time", async () => {
    await createRule({ ...keywordRule, actions: [{ action_name: "add_private_note", action_params: ["billing team notified"] }] });
    const c = await conversation();
    await visitorSays(c.id, "refund");
    const batch = await driver.read();
    const claimedBefore = (await t.db.select().from(workflowEventClaims)).length;
    const log = { warn: () => undefined };
    const claimed = await Promise.all(Array.from({ length: 6 }, () => processCommittedEvents(t.db, batch, log)));
    const relevant = batch.filter((e) => ["message.created", "assignee.changed", "conversation.created", "conversation.updated"].includes(e.type)).length;
    expect(claimed.reduce((a, b) => a + b.claimed, 0)).toBe(relevant);
    expect((await t.db.select().from(workflowEventClaims)).length).toBe(claimedBefore + relevant);
    await driver.settle();
    const notes = (await messagesOf(t.db, c.id)).filter((m) => m.content === "billing team notified");
    expect(notes.length).toBe(1);
    expect(notes[0]!.private).toBe(true);
    const [again] = await t.db.select().from(workflowEventClaims).where(eq(workflowEventClaims.eventId, batch[0]!.id));
    expect(again).toBeDefined();
  });
});
