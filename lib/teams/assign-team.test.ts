import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, messages, teamMembers, teams } from "@/db/schema";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { installCoordinationStore } from "@/lib/redis";
import type { CoordinationStore } from "@/lib/redis/port";
import { buildAssignmentWorld, type AgentSpec } from "@/test/support/assignment-world";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildUser, failure, reloadConversation } from "@/test/support/engine-fixtures";
import { openStore, type OpenStore } from "@/test/support/stores";
import { assignTeam } from "./assign-team";

const T0 = new Date("2026-03-02T10:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

describe.each(backends)("team assignment (WF2, database: %s)", (backend) => {
  let t: TestDatabase;
  let opened: OpenStore;
  let store: CoordinationStore;
  beforeAll(async () => {
    [t, opened] = await Promise.all([createTestDatabase(backend), openStore("memory")]);
    store = opened.store;
    installCoordinationStore(store);
  });
  afterAll(async () => {
    await Promise.all([closeTestDatabase(t), opened.cleanup()]);
  });

  async function world(agents: AgentSpec[], { autoAssign = true, inboxAuto = false } = {}) {
    const w = await buildAssignmentWorld(t.db, store, { agents, now: T0, inbox: { enableAutoAssignment: inboxAuto } });
    const [team] = await t.db.insert(teams).values({ accountId: w.account.id, name: "Billing", allowAutoAssign: autoAssign }).returning();
    return { ...w, team: team! };
  }
  const join = (accountId: number, teamId: number, userId: number) => t.db.insert(teamMembers).values({ accountId, teamId, userId });

  it("WF2: an unassigned conversation put on an auto-assign team goes to its online members who are inbox members, in round robin, even with the inbox's auto-assignment off", async () => {
    const w = await world([{}, {}, { availability: "busy" }, {}]);
    const outsider = await buildUser(t.db, { accountId: w.account.id, name: "Not in inbox" });
    for (const a of [w.agents[1]!, w.agents[2]!, w.agents[3]!, outsider]) await join(w.account.id, w.team.id, a.id);
    const picks = [];
    for (let i = 0; i < 4; i++) {
      const c = await w.open(at(i));
      expect(c.assigneeId).toBeNull();
      const { conversation } = await assignTeam(t.db, { accountId: w.account.id, conversationId: c.id, teamId: w.team.id, actor: { type: "system" }, now: at(i) });
      picks.push(conversation.assigneeId);
    }
    expect(picks).toEqual([w.agents[1]!.id, w.agents[3]!.id, w.agents[1]!.id, w.agents[3]!.id]);
  });

  it("WF2: a team without allow_auto_assign leaves it unassigned; the change writes an activity line and team.changed", async () => {
    const w = await world([{}], { autoAssign: false });
    await join(w.account.id, w.team.id, w.agents[0]!.id);
    const c = await w.open(at(0));
    const { conversation, changed } = await assignTeam(t.db, {
      accountId: w.account.id,
      conversationId: c.id,
      teamId: w.team.id,
      actor: { type: "user", id: w.agents[0]!.id, role: "agent" },
      now: at(1),
    });
    expect(changed).toBe(true);
    expect(conversation.teamId).toBe(w.team.id);
    expect(conversation.assigneeId).toBeNull();
    const lines = await t.db
      .select({ content: messages.content })
      .from(messages)
      .where(and(eq(messages.conversationId, c.id), eq(messages.messageType, "activity")));
    expect(lines.map((l) => l.content)).toContain("Assigned to Billing by Agent 0");
    const types = (await t.db.select({ type: events.type }).from(events).where(eq(events.conversationId, c.id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["team.changed", "conversation.updated"]));
    // Clearing it: one more line, same events.
    const cleared = await assignTeam(t.db, { accountId: w.account.id, conversationId: c.id, teamId: null, actor: { type: "user", id: w.agents[0]!.id, role: "agent" }, now: at(2) });
    expect(cleared.conversation.teamId).toBeNull();
  });

  it("WF2: an assignee who is not a team member is dropped (and replaced from the team); a member assignee stays", async () => {
    const w = await world([{}, {}]);
    await join(w.account.id, w.team.id, w.agents[1]!.id);
    const c = await w.open(at(0));
    await assignConversation(t.db, { conversationId: c.id, assigneeId: w.agents[0]!.id, actor: { type: "system" }, mode: "reassign" });
    const { conversation } = await assignTeam(t.db, { accountId: w.account.id, conversationId: c.id, teamId: w.team.id, actor: { type: "system" }, now: at(1) });
    expect(conversation.assigneeId).toBe(w.agents[1]!.id);

    const d = await w.open(at(2));
    await assignConversation(t.db, { conversationId: d.id, assigneeId: w.agents[1]!.id, actor: { type: "system" }, mode: "reassign" });
    expect((await assignTeam(t.db, { accountId: w.account.id, conversationId: d.id, teamId: w.team.id, actor: { type: "system" }, now: at(3) })).conversation.assigneeId).toBe(w.agents[1]!.id);
  });

  it("WF2: a team of another account is a 422 naming team_id and changes nothing", async () => {
    const w = await world([{}]);
    const other = await world([{}]);
    const c = await w.open(at(0));
    const err = await failure(assignTeam(t.db, { accountId: w.account.id, conversationId: c.id, teamId: other.team.id, actor: { type: "system" } }));
    expect(err.fields).toHaveProperty("team_id");
    expect((await reloadConversation(t.db, c.id)).teamId).toBeNull();
  });

  it("WF2: concurrent team assignments of many conversations never exceed the inbox's max_assignment_limit", async () => {
    const w = await buildAssignmentWorld(t.db, store, { agents: [{}, {}], now: T0, config: { max_assignment_limit: 2 }, inbox: { enableAutoAssignment: false } });
    const [team] = await t.db.insert(teams).values({ accountId: w.account.id, name: "Limit" }).returning();
    for (const a of w.agents) await join(w.account.id, team!.id, a.id);
    const cs = [];
    for (let i = 0; i < 6; i++) cs.push(await w.open(at(i)));
    const results = await Promise.all(cs.map((c) => assignTeam(t.db, { accountId: w.account.id, conversationId: c.id, teamId: team!.id, actor: { type: "system" }, now: at(10) })));
    const counts = new Map<number, number>();
    for (const r of results) if (r.conversation.assigneeId) counts.set(r.conversation.assigneeId, (counts.get(r.conversation.assigneeId) ?? 0) + 1);
    expect([...counts.values()].every((n) => n <= 2)).toBe(true);
    expect(results.filter((r) => r.conversation.assigneeId !== null)).toHaveLength(4);
  });
});
