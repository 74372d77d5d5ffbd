import { createServer, type AddressInfo, type Socket } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import * as messagesRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import { openDatabase, installDatabase, type Database } from "@/db/client";
import { type Conversation } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { loadAgentAudience } from "@/lib/realtime/audience";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import type { StreamEvent } from "@/lib/realtime/relay";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { buildContact, buildContactInbox, buildWorld } from "@/test/support/engine-fixtures";
import { apiRequest, callRoute } from "@/test/support/http";
import { waitFor } from "@/test/support/realtime";
import { scaled } from "./scale";
import { startPrivatePostgres, type PrivatePostgres } from "./support/private-postgres";
import { rows } from "./support/rows";

// The load is many messages into a few conversations; M2's per-conversation flood limit is not under test.
process.env.CONVERSATION_MESSAGE_PER_MINUTE_LIMIT = "1000000";

/**
 * R3 (SPEC §14): the app's own route handlers, over a Postgres cluster of the suite's own, under a
 * steady message load; the cluster is stopped mid-load and started again. While it is down every
 * request answers 503 with Retry-After (never a 500) within a bound, and /api/health says "down";
 * afterwards the same process serves again without a restart; and in the database every message has
 * its message.created event and every such event its message — the outbox (E2) holds. An agent
 * subscribed to the hub throughout ends with every one of those events exactly once, in order.
 */
const SIZE = scaled({ writers: 6, restarts: 1, okBetween: 40, downFor: 15 }, { writers: 12, restarts: 4, okBetween: 400, downFor: 60 });
/** Over the pool's 5 s connect timeout (db/client.ts), the longest a request may wait for a connection. */
const LATENCY_BOUND_MS = 8_000;
const quiet = { warn: () => undefined, error: () => undefined };

type Result = { status: number; ms: number; phase: string; id?: number; text: string; retryAfter: string | null };

describe("R3: Postgres restarted under load", () => {
  let pg: PrivatePostgres;
  let database: Database;
  let hub: Hub;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    database = await openDatabase({ DATABASE_URL: pg.url, DATA_DIR: ".data", DATABASE_POOL_MAX: 6 });
    await database.migrate();
    installDatabase(database);
    const store = createMemoryStore();
    installCoordinationStore(store);
    hub = createHub({ db: database.db, store, pollMs: 100, log: quiet });
    installRealtimeHub(hub);
  }, 120_000);
  afterAll(async () => {
    installRealtimeHub(undefined);
    const t0 = Date.now();
    await hub?.close();
    // The cluster goes first: nothing left in the pool can then keep it (or its directory) alive.
    await pg?.destroy();
    await database?.close();
    console.info(`[R3] torn down in ${Date.now() - t0} ms`);
  }, 120_000);

  it(
    "answers 503 during the outage, recovers without a restart, and keeps every message with its event",
    async () => {
      const db = database.db;
      const w = await buildWorld(db, { enableAutoAssignment: false });
      const conversations: Conversation[] = [];
      for (let i = 0; i < 12; i++) {
        const contact = await buildContact(db, { accountId: w.account.id, name: `Load ${i}` });
        const ci = await buildContactInbox(db, { accountId: w.account.id, contactId: contact.id, inboxId: w.inbox.id });
        conversations.push(await createConversation(db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: contact.id, contactInboxId: ci.id }));
      }
      const got: StreamEvent[] = [];
      await hub.subscribe({ audience: await loadAgentAudience(db, w.admin.id), onEvent: (e) => got.push(e) });

      let phase = "up";
      const results: Result[] = [];
      const count = (p: string, status: number) => results.filter((r) => r.phase === p && r.status === status).length;
      let producing = true;
      let n = 0;
      const writers = Array.from({ length: SIZE.writers }, async () => {
        while (producing) {
          const conversation = conversations[n++ % conversations.length]!;
          const at = phase;
          const started = Date.now();
          const req = await apiRequest(`/api/v1/accounts/${w.account.id}/conversations/${conversation.displayId}/messages`, {
            method: "POST",
            token: w.admin.accessToken,
            body: { content: `r3 ${n}` },
          });
          const res = await callRoute(messagesRoute.POST, req, { accountId: String(w.account.id), conversationId: String(conversation.displayId) });
          const text = await res.text();
          const id = res.status === 200 ? (JSON.parse(text) as { id: number }).id : undefined;
          results.push({ status: res.status, ms: Date.now() - started, phase: at, id, text: text.slice(0, 200), retryAfter: res.headers.get("retry-after") });
          // Yield between requests: a refused request returns at once, and the load must not starve the pool's reconnects.
          if (res.status !== 200) await new Promise((r) => setTimeout(r, 5));
        }
      });

      try {
        await waitFor("load before the outage", () => count("up", 200) >= SIZE.okBetween, 30_000);
        for (let restart = 1; restart <= SIZE.restarts; restart++) {
          phase = `stopping ${restart}`;
          await pg.stop(restart % 2 === 0 ? "immediate" : "fast");
          phase = `down ${restart}`;
          await waitFor(`503s while down (${restart})`, () => count(phase, 503) >= SIZE.downFor, 30_000);
          const health = await healthRoute.GET();
          expect(health.status).toBe(503);
          expect(((await health.json()) as { status: string }).status).toBe("down");
          phase = `starting ${restart}`;
          await pg.start();
          phase = `up ${restart}`;
          await waitFor(`requests served again after restart ${restart}`, () => count(phase, 200) >= SIZE.okBetween, 30_000);
        }
      } finally {
        producing = false;
        await Promise.all(writers);
      }

      const health = await healthRoute.GET();
      expect(health.status).toBe(200);
      // No connection may stay checked out after the load: a leaked one is a pool slot lost for good.
      const pool = (database.db as unknown as { $client: { totalCount: number; idleCount: number } }).$client;
      await waitFor("every pooled connection back in the pool", () => pool.totalCount === pool.idleCount, 10_000).catch(() => undefined);
      expect({ checkedOut: pool.totalCount - pool.idleCount }).toEqual({ checkedOut: 0 });

      const unexpected = results.filter((r) => r.status !== 200 && r.status !== 503);
      expect(
        unexpected.map((r) => `${r.phase}: ${r.status} ${r.text}`),
        "only 200 or 503",
      ).toEqual([]);
      const refused = results.filter((r) => r.status === 503);
      expect(
        refused.every((r) => r.retryAfter !== null && /"error"/.test(r.text)),
        "503s carry Retry-After and a message",
      ).toBe(true);
      const slowest = Math.max(...results.map((r) => r.ms));
      expect(slowest, "no request hangs beyond the bound").toBeLessThan(LATENCY_BOUND_MS);

      const orphans = await rows<{ id: number }>(db, sql`select m.id from messages m where not exists (select 1 from events e where e.type = 'message.created' and (e.payload->>'id')::bigint = m.id)`);
      const ghosts = await rows<{ id: number }>(db, sql`select e.id from events e where e.type = 'message.created' and not exists (select 1 from messages m where m.id = (e.payload->>'id')::bigint)`);
      expect(orphans, "messages without their message.created event").toEqual([]);
      expect(ghosts, "message.created events without their message").toEqual([]);
      const stored = new Set((await rows<{ id: number }>(db, sql`select id from messages`)).map((r) => Number(r.id)));
      const acknowledged = results.filter((r) => r.id !== undefined).map((r) => r.id!);
      expect(
        acknowledged.filter((id) => !stored.has(id)),
        "acknowledged messages that were lost",
      ).toEqual([]);

      // The subscriber lived through the outage: it ends with every message.created event once, in order.
      await hub.kick();
      // Events committed just before the outage are positioned by the relay after it (kick or poll).
      await waitFor("every event positioned by the relay", async () => (await rows(db, sql`select id from events where seq is null`)).length === 0, 15_000);
      const expected = (await rows<{ seq: number }>(db, sql`select seq from events where type = 'message.created' and account_id = ${w.account.id} order by seq`)).map((r) => Number(r.seq));
      await waitFor("the subscriber to catch up", () => got.filter((e) => e.type === "message.created").length >= expected.length, 15_000);
      expect(got.filter((e) => e.type === "message.created").map((e) => e.seq)).toEqual(expected);
      console.info(`[R3] ${results.length} requests: ${results.length - refused.length} served, ${refused.length} answered 503; slowest ${slowest} ms; ${SIZE.restarts} restart(s)`);
    },
    scaled(90_000, 600_000),
  );

  it("answers 503 within a bound when the database host accepts connections but never answers", async () => {
    // A black-holed server (a network partition, a hung host): TCP connects, no protocol ever comes back.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    const unreachable = await openDatabase({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/parley`, DATA_DIR: ".data", DATABASE_POOL_MAX: 2 });
    installDatabase(unreachable);
    try {
      const started = Date.now();
      const req = await apiRequest("/api/v1/accounts/1/conversations/1/messages", { method: "POST", token: "any", body: { content: "hello?" } });
      const res = await callRoute(messagesRoute.POST, req, { accountId: "1", conversationId: "1" });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).not.toBeNull();
      expect(Date.now() - started).toBeLessThan(LATENCY_BOUND_MS);
    } finally {
      installDatabase(database);
      for (const s of sockets) s.destroy();
      silent.close();
      await unreachable.close().catch(() => undefined);
    }
  }, 30_000);
});
