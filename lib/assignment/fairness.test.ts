import { and, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, messages } from "@/db/schema";
import { installCoordinationStore } from "@/lib/redis";
import { assigneesOf, buildAssignmentWorld, countByAssignee } from "@/test/support/assignment-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { openStore, storeKinds, type OpenStore } from "@/test/support/stores";

/**
 * A3 under concurrency (SPEC B6 as a correctness check, not a timing): 1,000 conversations created
 * 50 at a time over 10 online agents, on Postgres with a pool of 25. Every conversation ends with
 * exactly one assignee and one assignment record, and the round robin keeps counts within one.
 */
const T0 = new Date("2026-03-02T10:00:00.000Z");
const TOTAL = 1000;
const CONCURRENCY = 50;

async function inBatches<T>(count: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

describe.each(storeKinds)("fair round robin under concurrency (store: %s, Postgres)", (kind) => {
  let t: TestDatabase;
  let opened: OpenStore;

  beforeAll(async () => {
    // A generous store deadline: this is about fairness, not R2 (redis-down.test.ts) — on a loaded CI
    // machine a 1.5 s deadline would leave a conversation for the sweep and fail the count.
    [t, opened] = await Promise.all([createTestDatabase("postgres", { poolMax: 25 }), openStore(kind, { timeoutMs: 15_000 })]);
    installCoordinationStore(opened.store);
  });
  afterAll(async () => {
    await Promise.all([closeTestDatabase(t), opened.cleanup()]);
  });

  it(`${TOTAL} conversations over 10 agents: no double assignment, counts within 1`, { timeout: 180_000 }, async () => {
    const w = await buildAssignmentWorld(t.db, opened.store, { agents: Array.from({ length: 10 }, () => ({})), now: T0 });
    const created = await inBatches(TOTAL, CONCURRENCY, (i) => w.open(new Date(T0.getTime() + 1 + Math.floor(i / 100))));
    expect(created.every((c) => c.assigneeId !== null)).toBe(true);

    const rows = await assigneesOf(t.db, w.inbox.id);
    expect(rows).toHaveLength(TOTAL);
    expect(rows.every((r) => r.assigneeId !== null)).toBe(true);
    const ids = rows.map((r) => r.id);
    const assignedEvents = await t.db
      .select({ id: events.conversationId })
      .from(events)
      .where(and(eq(events.type, "assignee.changed"), inArray(events.conversationId, ids)));
    const activities = await t.db
      .select({ id: messages.conversationId })
      .from(messages)
      .where(and(eq(messages.messageType, "activity"), like(messages.content, "Assigned to % via auto-assignment"), inArray(messages.conversationId, ids)));
    const once = (list: { id: number | null }[]) => new Set(list.map((e) => e.id)).size === TOTAL && list.length === TOTAL;
    expect(once(assignedEvents)).toBe(true);
    expect(once(activities)).toBe(true);

    const counts = [...countByAssignee(rows).values()];
    expect(counts).toHaveLength(10);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});
