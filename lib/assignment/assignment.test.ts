import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, events, messages } from "@/db/schema";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { addInboxMember } from "@/lib/inboxes/add-inbox-member";
import { removeInboxMember } from "@/lib/inboxes/remove-inbox-member";
import { setAgentAvailability } from "@/lib/presence/set-availability";
import { installCoordinationStore } from "@/lib/redis";
import type { CoordinationStore } from "@/lib/redis/port";
import { assigneesOf, buildAssignmentWorld, countByAssignee, type AgentSpec } from "@/test/support/assignment-world";
import { backends, closeTestDatabase, createTestDatabase, type Backend, type TestDatabase } from "@/test/support/db";
import { buildConversationRow, buildInbox, buildUser, reloadConversation } from "@/test/support/engine-fixtures";
import { openStore, storeKinds, type OpenStore, type StoreKind } from "@/test/support/stores";
import { assignBacklog } from "./assign-backlog";
import { autoAssign } from "./auto-assign";
import { roundRobinQueue } from "./keys";

const T0 = new Date("2026-03-02T10:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const combos: [StoreKind, Backend][] = storeKinds.flatMap((s) => backends.map((b): [StoreKind, Backend] => [s, b]));

describe.each(combos)("auto-assignment (store: %s, database: %s)", (storeKind, backend) => {
  let t: TestDatabase;
  let opened: OpenStore;
  let store: CoordinationStore;

  beforeAll(async () => {
    [t, opened] = await Promise.all([createTestDatabase(backend, { poolMax: 20 }), openStore(storeKind)]);
    store = opened.store;
    installCoordinationStore(store);
  });
  afterAll(async () => {
    await Promise.all([closeTestDatabase(t), opened.cleanup()]);
  });

  const world = (agents: AgentSpec[], extra: Omit<Parameters<typeof buildAssignmentWorld>[2], "agents" | "now"> = {}) => buildAssignmentWorld(t.db, store, { agents, now: T0, ...extra });

  describe("agent_assignment (A1, A3)", () => {
    it("will assign an online agent to the conversation; busy agents are never chosen, round robin m3 then m4", async () => {
      const w = await world([{ availability: "busy" }, { availability: "busy" }, { availability: "busy" }, {}, {}]);
      const [m3, m4] = [w.agents[3]!, w.agents[4]!];
      const picks = [];
      for (let i = 0; i < 4; i++) picks.push((await w.open(at(i))).assigneeId);
      expect(picks).toEqual([m3.id, m4.id, m3.id, m4.id]);
      expect(await store.roundRobinOrder(roundRobinQueue(w.inbox.id))).toEqual(w.agents.map((a) => String(a.id)));
    });
  });

  describe("fair distribution (rate_limiter, A2)", () => {
    it("assigns while under the limit and not at or over it", async () => {
      const w = await world([{}], { config: { fair_distribution_limit: 5 } });
      const created = [];
      for (let i = 0; i < 6; i++) created.push(await w.open(at(i)));
      expect(created.slice(0, 5).every((c) => c.assigneeId === w.agents[0]!.id)).toBe(true);
      expect(created[5]!.assigneeId).toBeNull();
    });

    it("allows assignments again once the window has passed (controlled clock)", async () => {
      const w = await world([{}], { config: { fair_distribution_limit: 2, fair_distribution_window_s: 3600 } });
      await w.open(at(0));
      await w.open(at(1));
      const third = await w.open(at(2));
      expect(third.assigneeId).toBeNull();
      await w.ping(at(3599), w.agents[0]!.id);
      expect((await assignBacklog(t.db, { inboxId: w.inbox.id, now: at(3599) })).assigned).toBe(0);
      await w.ping(at(3601), w.agents[0]!.id);
      expect((await assignBacklog(t.db, { inboxId: w.inbox.id, now: at(3601) })).conversationIds).toEqual([third.id]);
    });

    it("uses a custom window", async () => {
      const w = await world([{}], { config: { fair_distribution_limit: 1, fair_distribution_window_s: 7200 } });
      await w.open(at(0));
      const second = await w.open(at(1));
      await w.ping(at(3601), w.agents[0]!.id);
      expect((await assignBacklog(t.db, { inboxId: w.inbox.id, now: at(3601) })).assigned).toBe(0);
      await w.ping(at(7201), w.agents[0]!.id);
      expect((await assignBacklog(t.db, { inboxId: w.inbox.id, now: at(7201) })).conversationIds).toEqual([second.id]);
    });
  });

  describe("assignment_service", () => {
    it("returns 0 when no agents are online, then assigns conversations to available agents", async () => {
      const w = await world([{ present: false }, { present: false }]);
      for (let i = 0; i < 3; i++) expect((await w.open(at(i))).assigneeId).toBeNull();
      expect((await assignBacklog(t.db, { inboxId: w.inbox.id, now: at(10) })).assigned).toBe(0);
      await w.ping(at(20), w.agents[0]!.id, w.agents[1]!.id);
      expect((await assignBacklog(t.db, { inboxId: w.inbox.id, now: at(20) })).assigned).toBe(3);
      expect((await assigneesOf(t.db, w.inbox.id)).every((c) => c.assigneeId !== null)).toBe(true);
    });

    it("respects the limit parameter (3 waiting, limit 2 → 2 assigned, the newest left)", async () => {
      const w = await world([{ present: false }]);
      const created = [await w.open(at(0)), await w.open(at(1)), await w.open(at(2))];
      await w.ping(at(5), w.agents[0]!.id);
      const result = await assignBacklog(t.db, { inboxId: w.inbox.id, now: at(5), limit: 2 });
      expect(result.conversationIds).toEqual([created[0]!.id, created[1]!.id]);
      expect((await reloadConversation(t.db, created[2]!.id)).assigneeId).toBeNull();
    });

    it("only assigns open conversations and never reassigns assigned ones", async () => {
      const w = await world([{ present: false }, { present: false }]);
      const base = { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id };
      const pending = await buildConversationRow(t.db, { ...base, status: "pending" });
      const resolved = await buildConversationRow(t.db, { ...base, status: "resolved" });
      const snoozed = await buildConversationRow(t.db, { ...base, status: "snoozed" });
      const mine = await buildConversationRow(t.db, { ...base, status: "open", assigneeId: w.agents[1]!.id });
      const waiting = await buildConversationRow(t.db, { ...base, status: "open" });
      await w.ping(at(5), w.agents[0]!.id);
      expect((await assignBacklog(t.db, { inboxId: w.inbox.id, now: at(5) })).conversationIds).toEqual([waiting.id]);
      for (const c of [pending, resolved, snoozed]) expect((await reloadConversation(t.db, c.id)).assigneeId).toBeNull();
      expect((await reloadConversation(t.db, mine.id)).assigneeId).toBe(w.agents[1]!.id);
    });

    it("dispatches assignee.changed and writes the activity message", async () => {
      const w = await world([{ name: "Grace Hopper" }]);
      const c = await w.open(at(0));
      const rows = await t.db
        .select()
        .from(events)
        .where(and(eq(events.conversationId, c.id), eq(events.type, "assignee.changed")));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.payload).toMatchObject({ id: c.displayId, meta: { assignee: { id: w.agents[0]!.id } } });
      const activity = await t.db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, c.id), eq(messages.messageType, "activity")));
      expect(activity.map((m) => m.content)).toEqual(["Assigned to Grace Hopper via auto-assignment"]);
    });

    it("does nothing when auto-assignment is disabled", async () => {
      const w = await world([{}], { inbox: { enableAutoAssignment: false } });
      const c = await w.open(at(0));
      expect(c.assigneeId).toBeNull();
      expect(await autoAssign(t.db, c.id, at(1))).toBeNull();
      expect((await assignBacklog(t.db, { inboxId: w.inbox.id, now: at(1) })).assigned).toBe(0);
    });

    it("distributes conversations evenly among agents (4 over 2 → 2 and 2)", async () => {
      const w = await world([{}, {}]);
      for (let i = 0; i < 4; i++) await w.open(at(i));
      const counts = countByAssignee(await assigneesOf(t.db, w.inbox.id));
      expect([counts.get(w.agents[0]!.id), counts.get(w.agents[1]!.id)]).toEqual([2, 2]);
    });
  });

  describe("auto_assignment_handler (A1)", () => {
    it("runs only when the status changes to open: resolve, the agent leaves, another joins, reopen → the new member", async () => {
      const w = await world([{}]);
      const [agent1] = w.agents;
      const c = await w.open(at(0));
      expect(c.assigneeId).toBe(agent1!.id);
      const adminUser = await buildUser(t.db, { accountId: w.account.id, role: "administrator" });
      const admin = { type: "user", id: adminUser.id, role: "administrator" } as const;
      await toggleConversationStatus(t.db, { conversationId: c.id, input: { status: "resolved" }, actor: admin, now: at(1) });
      await removeInboxMember(t.db, { accountId: w.account.id, inboxId: w.inbox.id, userId: agent1!.id, now: at(2) });
      expect((await reloadConversation(t.db, c.id)).assigneeId).toBe(agent1!.id); // resolved ones keep their assignee
      const agent2 = await buildUser(t.db, { accountId: w.account.id, name: "Agent 2" });
      await w.ping(at(3), agent2.id);
      await addInboxMember(t.db, { accountId: w.account.id, inboxId: w.inbox.id, userId: agent2.id, now: at(3) });
      const reopened = await toggleConversationStatus(t.db, { conversationId: c.id, input: { status: "open" }, actor: admin, now: at(4) });
      expect(reopened.assigneeId).toBe(agent2.id);
    });

    it("a manual claim that lands first wins; auto-assignment never overwrites it", async () => {
      const w = await world([{}, { present: false }]);
      const c = await w.open(at(0));
      await assignConversation(t.db, { conversationId: c.id, assigneeId: null, actor: { type: "system" }, mode: "reassign", now: at(1) });
      await assignConversation(t.db, { conversationId: c.id, assigneeId: w.agents[1]!.id, actor: { type: "user", id: w.agents[1]!.id, role: "agent" }, mode: "claim", now: at(2) });
      expect(await autoAssign(t.db, c.id, at(3))).toBeNull();
      expect((await reloadConversation(t.db, c.id)).assigneeId).toBe(w.agents[1]!.id);
    });
  });

  describe("inbox capacity (max_assignment_limit, A2)", () => {
    it("agents with 1/2/3/0 open conversations and limit 2 → agents 1 and 4; other inboxes and other statuses ignored", async () => {
      const w = await world([{}, {}, {}, {}], { config: { max_assignment_limit: 2 } });
      const [a1, a2, a3, a4] = [w.agents[0]!, w.agents[1]!, w.agents[2]!, w.agents[3]!];
      const other = await buildInbox(t.db, { accountId: w.account.id, schedule: [] });
      const base = { accountId: w.account.id, contactId: w.contact.id, status: "open" as const };
      const rows = [
        [a1, 1],
        [a2, 2],
        [a3, 3],
      ] as const;
      for (const [agent, n] of rows) for (let i = 0; i < n; i++) await buildConversationRow(t.db, { ...base, inboxId: w.inbox.id, assigneeId: agent.id });
      for (let i = 0; i < 3; i++) await buildConversationRow(t.db, { ...base, inboxId: other.id, assigneeId: a4.id });
      await buildConversationRow(t.db, { ...base, inboxId: w.inbox.id, assigneeId: a4.id, status: "resolved" });
      const picks = [];
      for (let i = 0; i < 4; i++) picks.push((await w.open(at(i))).assigneeId);
      expect(new Set(picks.slice(0, 3))).toEqual(new Set([a1.id, a4.id]));
      expect(picks.filter((p) => p === a4.id)).toHaveLength(2);
      expect(picks[3]).toBeNull();
    });

    it("capacity freed by resolving runs the backlog for that agent", async () => {
      const w = await world([{}], { config: { max_assignment_limit: 1 } });
      const first = await w.open(at(0));
      const second = await w.open(at(1));
      expect(second.assigneeId).toBeNull();
      await toggleConversationStatus(t.db, { conversationId: first.id, input: { status: "resolved" }, actor: { type: "system" }, now: at(2) });
      expect((await reloadConversation(t.db, second.id)).assigneeId).toBe(w.agents[0]!.id);
    });
  });

  describe("balanced mode (A3)", () => {
    it("selects the agent with the fewest open conversations, ties by round-robin order", async () => {
      const w = await world([{}, {}], { config: { mode: "balanced" } });
      const [a, b] = [w.agents[0]!, w.agents[1]!];
      const base = { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, status: "open" as const };
      for (let i = 0; i < 2; i++) await buildConversationRow(t.db, { ...base, assigneeId: a.id });
      const picks = [];
      for (let i = 0; i < 4; i++) picks.push((await w.open(at(i))).assigneeId);
      // b catches up to 2, then the tie goes by queue order: a is in front (b was rotated to the back).
      expect(picks).toEqual([b.id, b.id, a.id, b.id]);
    });

    it("considers only open conversations", async () => {
      const w = await world([{}, {}], { config: { mode: "balanced" } });
      const [a, b] = [w.agents[0]!, w.agents[1]!];
      const base = { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id };
      for (let i = 0; i < 3; i++) await buildConversationRow(t.db, { ...base, status: "resolved", assigneeId: a.id });
      await buildConversationRow(t.db, { ...base, status: "open", assigneeId: a.id });
      for (let i = 0; i < 2; i++) await buildConversationRow(t.db, { ...base, status: "open", assigneeId: b.id });
      expect((await w.open(at(0))).assigneeId).toBe(a.id);
    });
  });

  describe("who never receives a conversation (A2, P2)", () => {
    it("busy, offline, absent (auto_offline) and full agents get nothing; auto_offline off counts without presence", async () => {
      const w = await world(
        [
          { name: "busy", availability: "busy" },
          { name: "offline", availability: "offline" },
          { name: "absent", present: false },
          { name: "full" },
          { name: "always", present: false, autoOffline: false },
        ],
        { config: { max_assignment_limit: 3 } },
      );
      const full = w.agents[3]!;
      const always = w.agents[4]!;
      const base = { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, status: "open" as const };
      for (let i = 0; i < 3; i++) await buildConversationRow(t.db, { ...base, assigneeId: full.id });
      const picks = [];
      for (let i = 0; i < 4; i++) picks.push((await w.open(at(i))).assigneeId);
      expect(picks).toEqual([always.id, always.id, always.id, null]);
    });
  });

  describe("backlog (A4)", () => {
    it("drains oldest-waiting first when an agent comes online, up to their capacity", async () => {
      const w = await world([{ availability: "offline" }], { config: { max_assignment_limit: 3 } });
      const created = [];
      for (let i = 0; i < 5; i++) created.push(await w.open(at(i)));
      // Waiting order differs from creation order: waiting_since decides, created_at breaks ties.
      const waitingSince = [at(40), at(10), at(30), at(10), at(20)];
      for (const [i, c] of created.entries()) await t.db.update(conversations).set({ waitingSince: waitingSince[i] }).where(eq(conversations.id, c.id));
      await setAgentAvailability(t.db, { accountId: w.account.id, userId: w.agents[0]!.id, availability: "online", now: at(50), store });
      const order = await t.db
        .select({ conversationId: events.conversationId })
        .from(events)
        .where(and(eq(events.accountId, w.account.id), eq(events.type, "assignee.changed")))
        .orderBy(asc(events.id));
      expect(order.map((e) => e.conversationId)).toEqual([created[1]!.id, created[3]!.id, created[4]!.id]);
    });
  });

  describe("inbox members (A5)", () => {
    it("removing a member unassigns their open conversations and re-routes them to the remaining members", async () => {
      const w = await world([{}, {}, {}]);
      const [a, b, c] = [w.agents[0]!, w.agents[1]!, w.agents[2]!];
      for (let i = 0; i < 6; i++) await w.open(at(i));
      const aOpen = (await assigneesOf(t.db, w.inbox.id)).filter((r) => r.assigneeId === a.id).map((r) => r.id);
      expect(aOpen).toHaveLength(2);
      const result = await removeInboxMember(t.db, { accountId: w.account.id, inboxId: w.inbox.id, userId: a.id, now: at(10) });
      expect(result.unassigned).toEqual(aOpen);
      const after = await assigneesOf(t.db, w.inbox.id);
      expect(after.filter((r) => r.assigneeId === a.id)).toEqual([]);
      for (const id of aOpen) expect([b.id, c.id]).toContain(after.find((r) => r.id === id)!.assigneeId);
      expect(await store.roundRobinOrder(roundRobinQueue(w.inbox.id))).not.toContain(String(a.id));
      const activity = await t.db
        .select({ content: messages.content })
        .from(messages)
        .where(and(eq(messages.conversationId, aOpen[0]!), eq(messages.messageType, "activity")))
        .orderBy(asc(messages.id));
      expect(activity.map((m) => m.content)).toContain("Conversation unassigned by system");
    });

    it("adding a member puts them at the back of the queue", async () => {
      const w = await world([{}, {}]);
      await w.open(at(0)); // builds the queue
      const newcomer = await buildUser(t.db, { accountId: w.account.id });
      await addInboxMember(t.db, { accountId: w.account.id, inboxId: w.inbox.id, userId: newcomer.id, now: at(1) });
      const order = await store.roundRobinOrder(roundRobinQueue(w.inbox.id));
      expect(order.at(-1)).toBe(String(newcomer.id));
    });
  });
});
