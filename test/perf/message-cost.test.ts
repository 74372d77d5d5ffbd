import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as appMessages from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import { createConversation } from "@/lib/conversations/create-conversation";
import type { Hub } from "@/lib/realtime/hub";
import { createLookupCache, installLookupCache } from "@/lib/realtime/lookup-cache";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { installDatabase } from "@/db/client";
import { desc, eq, gt } from "drizzle-orm";
import * as clientMessages from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/messages/route";
import { contacts, conversations, events, webWidgets } from "@/db/schema";
import { form, PNG_1X1, send, uploadRequest } from "@/test/attachments/support";
import { call } from "@/test/app-api/support";
import { loadMessagePushes } from "@/lib/presenters/message-push";
import { clientApi } from "@/test/support/client-api";
import { eventsOf, messagesOf } from "@/test/support/engine-fixtures";
import { buildClientWorld } from "@/test/support/client-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";

/**
 * B7: what one message costs on its hot path — SQL round trips (BEGIN and COMMIT included, as
 * node-postgres submits them) and coordination-store (Redis) calls — so a later change cannot add
 * work back silently. The realtime hub's delivery reads after the response (relay, read) are shared
 * by every request in flight and are left out here; the hub is a stand-in.
 */
const HUB_SQL = /parley_relay_events|from events where seq|max\(seq\)|events_seq|events_pruned_through/;

type Cost = { sql: string[]; redis: string[] };

function countingStore(inner: CoordinationStore, seen: string[]): CoordinationStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || property === "close") return value;
      return (...args: unknown[]) => {
        seen.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function measure(run: () => Promise<{ status: number }>): Promise<Cost & { status: number }> {
  const proto = (pg as unknown as { Query: { prototype: { submit: (...args: unknown[]) => unknown } } }).Query.prototype;
  const original = proto.submit;
  const sqlSeen: string[] = [];
  proto.submit = function (this: { text?: string }, ...args: unknown[]) {
    if (!HUB_SQL.test(this.text ?? "")) sqlSeen.push((this.text ?? "").replace(/\s+/g, " ").slice(0, 120));
    return original.apply(this, args);
  };
  redisSeen.length = 0;
  try {
    const res = await run();
    return { status: res.status, sql: sqlSeen, redis: [...redisSeen] };
  } finally {
    proto.submit = original;
  }
}

const redisSeen: string[] = [];

describe("B7 the cost of one message on its hot path (postgres)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    installDatabase(t);
    installCoordinationStore(countingStore(createMemoryStore(), redisSeen));
    installRealtimeHub({ kick: async () => undefined } as unknown as Hub);
  });
  afterAll(async () => {
    installLookupCache(undefined);
    installRealtimeHub(undefined);
    await closeTestDatabase(t);
  });

  async function world(overrides: Parameters<typeof buildClientWorld>[1] = {}) {
    const w = await buildClientWorld(t.db, overrides);
    const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    return { ...w, conversation, path: `${w.contactBase}/conversations/${conversation.displayId}` };
  }

  it("B7 a Client API message into an open, waiting conversation: 2 SQL round trips (the look-up, the write) and 1 Redis call", async () => {
    const w = await world({ greetingEnabled: true, greetingMessage: "Hi there", enableAutoAssignment: false });
    // Warm: the first message sends the greeting (AM1) and sets waiting_since; the next ones are the steady state.
    expect((await clientApi("POST", `${w.path}/messages`, { body: { content: "first", echo_id: "c-0" } })).status).toBe(200);
    expect((await clientApi("POST", `${w.path}/messages`, { body: { content: "warm", echo_id: "c-1" } })).status).toBe(200);
    const cost = await measure(() => clientApi("POST", `${w.path}/messages`, { body: { content: "second", echo_id: "c-2" } }));
    expect(cost.status).toBe(200);
    console.info(`Client API message: ${cost.sql.length} SQL round trips, ${cost.redis.length} Redis calls\n  ${cost.sql.join("\n  ")}\n  redis: ${cost.redis.join(", ")}`);
    // The look-up (inbox, widget, contact_inbox, contact) and parley_post_client_message, which finds the
    // conversation by the path and writes (4 before: the conversation look-up was its own round trip).
    expect(cost.sql.length).toBeLessThanOrEqual(2);
    expect(cost.redis.length).toBeLessThanOrEqual(1);
  });

  it("B7 E8 a Client API message with the instance's lookup cache warm: 1 SQL round trip (the write) and 1 Redis call", async () => {
    const w = await world({ enableAutoAssignment: false });
    const cache = createLookupCache();
    installLookupCache(cache);
    try {
      cache.observe([]);
      expect((await clientApi("POST", `${w.path}/messages`, { body: { content: "first", echo_id: "h-0" } })).status).toBe(200);
      expect((await clientApi("POST", `${w.path}/messages`, { body: { content: "warm", echo_id: "h-1" } })).status).toBe(200);
      cache.observe([]);
      const cost = await measure(() => clientApi("POST", `${w.path}/messages`, { body: { content: "cached", echo_id: "h-2" } }));
      expect(cost.status).toBe(200);
      console.info(`Client API message, lookup cache warm: ${cost.sql.length} SQL round trips, ${cost.redis.length} Redis calls\n  ${cost.sql.join("\n  ")}`);
      expect(cost.sql).toHaveLength(1);
      expect(cost.sql[0]).toMatch(/parley_post_client_message/);
      expect(cost.redis).toEqual(["limit"]);
    } finally {
      installLookupCache(undefined);
    }
  });

  it("B7 E8 the write checks the cached contact against its row: a contact changed behind the cache's back is reloaded, and the event carries the new sender", async () => {
    const w = await world({ enableAutoAssignment: false });
    const cache = createLookupCache();
    installLookupCache(cache);
    try {
      cache.observe([]);
      expect((await clientApi("POST", `${w.path}/messages`, { body: { content: "first", echo_id: "s-0" } })).status).toBe(200);
      expect((await clientApi("POST", `${w.path}/messages`, { body: { content: "warm", echo_id: "s-1" } })).status).toBe(200);
      // No event invalidates a contact: the write itself must notice (every field of the sender counts).
      await t.db
        .update(contacts)
        .set({ name: "Renamed", customAttributes: { plan: "pro", seats: 3 }, unverifiedIdentifier: "u-1" })
        .where(eq(contacts.id, w.contact.id));
      cache.observe([]);
      const cost = await measure(() => clientApi("POST", `${w.path}/messages`, { body: { content: "after rename", echo_id: "s-2" } }));
      expect(cost.status).toBe(200);
      // The write answered "stale" and wrote nothing, the look-up was read again, the write succeeded.
      expect(cost.sql).toHaveLength(3);
      const res = await measure(() => clientApi("POST", `${w.path}/messages`, { body: { content: "steady", echo_id: "s-3" } }));
      expect(res.sql).toHaveLength(1);
      const created = (await eventsOf(t.db, w.account.id)).filter((e) => e.type === "message.created" && e.conversationId === w.conversation.id);
      const last = created.at(-2)!.payload as { content: string; sender: Record<string, unknown> };
      expect(last.content).toBe("after rename");
      expect(last.sender).toMatchObject({ name: "Renamed", custom_attributes: { plan: "pro", seats: 3 }, unverified_identifier: "u-1" });
      expect((await messagesOf(t.db, w.conversation.id)).filter((m) => m.content === "after rename")).toHaveLength(1);
    } finally {
      installLookupCache(undefined);
    }
  });

  it("E8 an inbox's widget settings reach a cached Client API look-up with their event: the next upload is refused", async () => {
    const w = await world({ enableAutoAssignment: false });
    const cache = createLookupCache();
    installLookupCache(cache);
    try {
      cache.observe([]);
      const params = { inboxIdentifier: w.widget.websiteToken, contactIdentifier: w.contactInbox.sourceId, conversationId: String(w.conversation.displayId) };
      const upload = (n: number) => send(clientMessages.POST, uploadRequest(`${w.path}/messages`, form({ content: `file ${n}` }, [{ name: "a.png", type: "image/png", bytes: PNG_1X1 }])), params);
      expect((await upload(1)).status).toBe(200);
      const before = await t.db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(1);
      await t.db.update(webWidgets).set({ featureAttachments: false }).where(eq(webWidgets.inboxId, w.inbox.id));
      // What the hub reads next: the trigger's internal event, written with the change.
      const written = await t.db.select().from(events).where(gt(events.id, before[0]!.id));
      expect(written.map((e) => e.type)).toEqual(["internal.inbox_changed"]);
      cache.observe(written.map((e) => ({ ...e, seq: e.id })));
      const refused = await upload(2);
      expect(refused.status).toBe(422);
      expect(refused.text).toMatch(/Attachments are not enabled/);
    } finally {
      installLookupCache(undefined);
    }
  });

  it("B7 an M6 replay (same echo_id) is answered from the stored row in at most 5 round trips and writes nothing", async () => {
    const w = await world({ enableAutoAssignment: false });
    const first = await clientApi("POST", `${w.path}/messages`, { body: { content: "once", echo_id: "r-1" } });
    const cost = await measure(() => clientApi("POST", `${w.path}/messages`, { body: { content: "once", echo_id: "r-1" } }));
    expect(cost.status).toBe(200);
    // The replay is re-read for its answer (its sender and attachments): the look-up, the write's check, 3 reads.
    expect(cost.sql.length).toBeLessThanOrEqual(5);
    expect(cost.redis.length).toBeLessThanOrEqual(1);
    expect((await clientApi("GET", `${w.path}/messages`)).body).toEqual([first.body]);
  });

  it("B7 an operator's reply through the Application API: a bounded number of SQL round trips, no Redis on an assigned conversation", async () => {
    const w = await world({ enableAutoAssignment: false });
    await clientApi("POST", `${w.path}/messages`, { body: { content: "hello", echo_id: "o-0" } });
    const params = { accountId: String(w.account.id), conversationId: String(w.conversation.displayId) };
    const reply = (content: string) => call(appMessages.POST, { method: "POST", params, token: w.agent.accessToken, body: { content } });
    expect((await reply("first reply")).status).toBe(200);
    await clientApi("POST", `${w.path}/messages`, { body: { content: "thanks", echo_id: "o-1" } });
    const cost = await measure(() => reply("second reply"));
    expect(cost.status).toBe(200);
    console.info(`operator reply: ${cost.sql.length} SQL round trips, ${cost.redis.length} Redis calls\n  ${cost.sql.join("\n  ")}\n  redis: ${cost.redis.join(", ")}`);
    // 17 (30 before): auth 2, the conversation, BEGIN, lock, M2, insert, activity, the message's push (2) and event,
    // the conversation's parties once for reply.created + conversation.updated (one INSERT), business hours, the reply report, waiting_since, COMMIT.
    expect(cost.sql.length).toBeLessThanOrEqual(17);
    expect(cost.redis.length).toBe(0);
  });

  it("B7 E8 an operator's reply with the instance's lookup cache live: authentication and membership cost no statement", async () => {
    const w = await world({ enableAutoAssignment: false });
    await clientApi("POST", `${w.path}/messages`, { body: { content: "hello", echo_id: "e-0" } });
    const params = { accountId: String(w.account.id), conversationId: String(w.conversation.displayId) };
    const reply = (content: string) => call(appMessages.POST, { method: "POST", params, token: w.agent.accessToken, body: { content } });
    const cache = createLookupCache();
    installLookupCache(cache);
    try {
      // `observe` is what the process hub does after each delivery pass: the cache serves while it is recent.
      cache.observe([]);
      expect((await reply("first reply")).status).toBe(200);
      await clientApi("POST", `${w.path}/messages`, { body: { content: "thanks", echo_id: "e-1" } });
      cache.clear();
      cache.observe([]);
      const uncached = await measure(() => reply("second reply"));
      await clientApi("POST", `${w.path}/messages`, { body: { content: "and again", echo_id: "e-2" } });
      cache.observe([]);
      const cached = await measure(() => reply("third reply"));
      expect(cached.status).toBe(200);
      console.info(`operator reply, lookup cache warm: ${cached.sql.length} SQL round trips (cold: ${uncached.sql.length})\n  ${cached.sql.join("\n  ")}`);
      expect(cached.sql.length).toBe(uncached.sql.length - 2);
      expect(cached.redis).toHaveLength(0);
    } finally {
      installLookupCache(undefined);
    }
  });

  it("B7 A1 a contact's message on an assigned conversation runs no assignment, even when it reopens it", async () => {
    const w = await world({ enableAutoAssignment: true });
    await t.db.update(conversations).set({ assigneeId: w.agent.id }).where(eq(conversations.id, w.conversation.id));
    await clientApi("POST", `${w.path}/messages`, { body: { content: "hello", echo_id: "a-0" } });
    const steady = await measure(() => clientApi("POST", `${w.path}/messages`, { body: { content: "again", echo_id: "a-1" } }));
    expect(steady.status).toBe(200);
    // W6's limit is the one Redis call: no presence, no window counts, no round robin.
    expect(steady.redis.filter((call) => call !== "limit")).toEqual([]);
    expect(steady.sql.length).toBeLessThanOrEqual(2);
    // Resolved, then the contact writes: the conversation reopens (C4) still assigned, so A1 has nothing to do.
    await t.db.update(conversations).set({ status: "resolved" }).where(eq(conversations.id, w.conversation.id));
    const reopen = await measure(() => clientApi("POST", `${w.path}/messages`, { body: { content: "back", echo_id: "a-2" } }));
    expect(reopen.status).toBe(200);
    expect(reopen.redis.filter((call) => call !== "limit")).toEqual([]);
    const [after] = await t.db.select().from(conversations).where(eq(conversations.id, w.conversation.id));
    expect(after).toMatchObject({ status: "open", assigneeId: w.agent.id });
  });

  it("B7 M2 M6 the one-round-trip write keeps the flood limit exact and echo_id idempotent under concurrency, and its event is the presenter's", async () => {
    const w = await world({ enableAutoAssignment: false });
    await clientApi("POST", `${w.path}/messages`, { body: { content: "opening", echo_id: "k-0" } });
    // 30 at once with one echo_id: one row, every answer the same message.
    const same = await Promise.all(Array.from({ length: 30 }, () => clientApi("POST", `${w.path}/messages`, { body: { content: "dup", echo_id: "k-dup" } })));
    expect(new Set(same.map((r) => `${r.status} ${(r.body as { id: number }).id}`)).size).toBe(1);
    // 40 distinct at once: exactly the limit (20 a minute, 2 already stored) accepted, the rest 429 with Retry-After.
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => clientApi("POST", `${w.path}/messages`, { body: { content: `b${i}`, echo_id: `k-${i + 1}` } })));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(18);
    expect(burst.filter((r) => r.status === 429).every((r) => Number(r.headers.get("retry-after")) >= 1)).toBe(true);
    const stored = await messagesOf(t.db, w.conversation.id);
    expect(stored.filter((m) => m.messageType === "incoming")).toHaveLength(20);
    // Each stored message has exactly one message.created whose payload is what the presenter builds now
    // (same conversation state: unread count aside, which grows with each message).
    const created = (await eventsOf(t.db, w.account.id)).filter((e) => e.type === "message.created");
    expect(created).toHaveLength(stored.length);
    const last = stored.at(-1)!;
    const [expected] = await loadMessagePushes(t.db, [last]);
    const event = created.find((e) => (e.payload as { id: number }).id === last.id)!;
    expect(event).toMatchObject({ private: false, inboxId: w.inbox.id, conversationId: w.conversation.id, contactInboxId: w.contactInbox.id });
    expect(event.payload).toEqual({ ...expected, account_id: w.account.id });
  });
});
