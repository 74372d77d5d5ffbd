import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/profile/availability/route";
import { installDatabase } from "@/db/client";
import { events, type Account } from "@/db/schema";
import { touchAgentPresence } from "@/lib/presence/agent-presence";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createAccount, createUser, type TestUser } from "@/test/support/fixtures";
import { apiRequest, callRoute } from "@/test/support/http";

describe.each(backends)("POST /api/v1/profile/availability (%s)", (backend) => {
  let db: TestDatabase;
  let acme: Account;
  let globex: Account;
  let user: TestUser;
  const store = createMemoryStore();
  let kicks = 0;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    installDatabase(db);
    installCoordinationStore(store);
    installRealtimeHub({ kick: async () => void kicks++, subscribe: async () => ({ close() {}, lastSeq: 0 }), subscriberCount: 0, close: async () => {} });
    acme = await createAccount(db.db, { name: "Acme" });
    globex = await createAccount(db.db, { name: "Globex" });
    user = await createUser(db.db, { name: "Sam Rivera", email: "sam-availability@example.test", memberships: [{ account: acme, role: "agent" }] });
  });
  afterAll(async () => {
    installRealtimeHub(undefined);
    await closeTestDatabase(db);
  });

  const post = async (body: unknown, opts: { token?: string | null } = {}) =>
    callRoute(POST, await apiRequest("/api/v1/profile/availability", { method: "POST", body, ...(opts.token === null ? {} : { token: opts.token ?? user.accessToken }) }));

  it("sets the availability in that account and returns the profile; presence.update when the effective one changes", async () => {
    await touchAgentPresence(store, { accountIds: [acme.id], userId: user.id, now: new Date() });
    const res = await post({ profile: { availability: "busy", account_id: acme.id } });
    expect(res.status).toBe(200);
    const profile = await res.json();
    expect(profile).toMatchObject({ id: user.id, accounts: [{ id: acme.id, availability: "busy", availability_status: "busy" }] });
    const rows = await db.db
      .select()
      .from(events)
      .where(and(eq(events.accountId, acme.id), eq(events.type, "presence.update")));
    expect(rows.at(-1)!.payload).toMatchObject({ users: { [user.id]: "busy" } });
    expect(kicks).toBeGreaterThan(0);
  });

  it("accepts account_id as a string, as form-encoded clients send it", async () => {
    const res = await post({ profile: { availability: "online", account_id: String(acme.id) } });
    expect(res.status).toBe(200);
    expect((await res.json()).accounts[0].availability).toBe("online");
  });

  it("422 for an unknown availability, 404 for an account the user is not in, 401 without credentials", async () => {
    expect((await post({ profile: { availability: "away", account_id: acme.id } })).status).toBe(422);
    expect((await post({})).status).toBe(422);
    expect((await post({ profile: { availability: "online", account_id: globex.id } })).status).toBe(404);
    expect((await post({ profile: { availability: "online", account_id: acme.id } }, { token: null })).status).toBe(401);
  });
});
