import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { createSweepHandler } from "@/lib/maintenance/sweep-handler";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { buildAssignmentWorld } from "@/test/support/assignment-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { reloadConversation } from "@/test/support/engine-fixtures";

// The route reads CRON_SECRET through lib/env, parsed on first use in this test file's module graph.
const SECRET = "test-cron-secret-0123456789";
process.env.CRON_SECRET = SECRET;

describe("POST /api/internal/sweep", () => {
  let t: TestDatabase;
  const store = createMemoryStore();
  let kicks = 0;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    installDatabase(t);
    installCoordinationStore(store);
    installRealtimeHub({ kick: async () => void kicks++, subscribe: async () => ({ close() {}, lastSeq: 0 }), subscriberCount: 0, close: async () => {} });
  });
  afterAll(async () => {
    installRealtimeHub(undefined);
    await closeTestDatabase(t);
  });

  const request = (authorization?: string, method = "POST") => new Request("http://parley.test/api/internal/sweep", { method, headers: authorization ? { authorization } : {} });

  it("401 without the secret or with a wrong one", async () => {
    const { POST } = await import("@/app/api/internal/sweep/route");
    expect((await POST(request())).status).toBe(401);
    expect((await POST(request(`Bearer ${SECRET}x`))).status).toBe(401);
    expect((await POST(request(SECRET))).status).toBe(401);
  });

  it("runs with the secret (POST, and GET as Vercel Cron calls it): assigns the backlog", async () => {
    const now = new Date();
    const w = await buildAssignmentWorld(t.db, store, { agents: [{ present: false }], now });
    const waiting = await w.open(now);
    expect(waiting.assigneeId).toBeNull();
    await w.ping(new Date(), w.agents[0]!.id);
    const { POST, GET } = await import("@/app/api/internal/sweep/route");
    const res = await POST(request(`Bearer ${SECRET}`));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ assigned: 1, errors: [] });
    expect((await reloadConversation(t.db, waiting.id)).assigneeId).toBe(w.agents[0]!.id);
    expect(kicks).toBeGreaterThan(0);
    const again = await GET(request(`Bearer ${SECRET}`, "GET"));
    expect(await again.json()).toMatchObject({ assigned: 0, reopened: 0, errors: [] });
  });

  it("404 when CRON_SECRET is not configured", async () => {
    const handler = createSweepHandler({ secret: () => undefined, db: async () => t.db, store: () => store });
    expect((await handler(request(`Bearer ${SECRET}`))).status).toBe(404);
  });
});
