import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboxes } from "@/db/schema";
import { eq } from "drizzle-orm";
import { autoAssign } from "@/lib/assignment/auto-assign";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { buildAssignmentWorld } from "@/test/support/assignment-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";

/**
 * B6: what one auto-assignment costs — SQL round trips (BEGIN and COMMIT included, as node-postgres
 * submits them) and coordination-store (Redis) calls — so a later change cannot add work back
 * silently. With 50 in flight on two cores the p99 is queueing behind this work (docs/benchmarks.md B6).
 */
type Cost = { sql: string[]; redis: string[] };

const redisSeen: string[] = [];

function countingStore(inner: CoordinationStore): CoordinationStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || property === "close") return value;
      return (...args: unknown[]) => {
        redisSeen.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function measure<T>(run: () => Promise<T>): Promise<Cost & { result: T }> {
  const proto = (pg as unknown as { Query: { prototype: { submit: (...args: unknown[]) => unknown } } }).Query.prototype;
  const original = proto.submit;
  const sqlSeen: string[] = [];
  proto.submit = function (this: { text?: string }, ...args: unknown[]) {
    sqlSeen.push((this.text ?? "").replace(/\s+/g, " ").slice(0, 140));
    return original.apply(this, args);
  };
  redisSeen.length = 0;
  try {
    const result = await run();
    return { result, sql: sqlSeen, redis: [...redisSeen] };
  } finally {
    proto.submit = original;
  }
}

describe("B6 the cost of one auto-assignment (postgres)", () => {
  let t: TestDatabase;
  let store: CoordinationStore;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    store = countingStore(createMemoryStore());
    installCoordinationStore(store);
  });
  afterAll(async () => {
    await closeTestDatabase(t);
  });

  async function waitingWorld(config: Parameters<typeof buildAssignmentWorld>[2]["config"] = {}) {
    const now = new Date();
    const w = await buildAssignmentWorld(t.db, store, { agents: Array.from({ length: 10 }, () => ({})), now, config, inbox: { enableAutoAssignment: false } });
    const conversations = [await w.open(now), await w.open(now)];
    await t.db.update(inboxes).set({ enableAutoAssignment: true }).where(eq(inboxes.id, w.inbox.id));
    return { ...w, conversations, now };
  }

  it("B6 A1 A2 A3 autoAssign in round-robin mode: bounded SQL round trips and Redis calls", async () => {
    const w = await waitingWorld();
    await autoAssign(t.db, w.conversations[0]!.id, w.now);
    const cost = await measure(() => autoAssign(t.db, w.conversations[1]!.id, w.now));
    expect(cost.result?.assigneeId).not.toBeNull();
    console.info(`autoAssign (round robin): ${cost.sql.length} SQL round trips, ${cost.redis.length} Redis calls\n  ${cost.sql.join("\n  ")}\n  redis: ${cost.redis.join(", ")}`);
    // 14 (17 before): one statement to decide (conversation, inbox, A1's check, A2's members), then the
    // claim: BEGIN, the membership lock with the agent's name and the account's locale, the conversation
    // lock, the shared assignment write (C8's activity message and its push, the conversation's push,
    // two outbox inserts), COMMIT. Redis (4 before): one choose (presence, window counts, round robin),
    // one window record after commit.
    expect(cost.sql.length).toBeLessThanOrEqual(14);
    expect(cost.redis).toEqual(["chooseEligible", "windowRecord"]);
  });

  it("B6 A2 autoAssign with max_assignment_limit: bounded SQL round trips and Redis calls", async () => {
    const w = await waitingWorld({ max_assignment_limit: 50 });
    await autoAssign(t.db, w.conversations[0]!.id, w.now);
    const cost = await measure(() => autoAssign(t.db, w.conversations[1]!.id, w.now));
    expect(cost.result?.assigneeId).not.toBeNull();
    console.info(`autoAssign (limit): ${cost.sql.length} SQL round trips, ${cost.redis.length} Redis calls\n  ${cost.sql.join("\n  ")}\n  redis: ${cost.redis.join(", ")}`);
    // Two more than round robin: the open counts before choosing, and the exact count under the lock.
    expect(cost.sql.length).toBeLessThanOrEqual(16);
    expect(cost.redis).toEqual(["chooseEligible", "windowRecord"]);
  });
});
