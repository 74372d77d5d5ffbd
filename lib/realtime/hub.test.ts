import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { addMember, buildContactInbox, buildInbox, buildUser, buildWorld } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { record, waitFor } from "@/test/support/realtime";
import { appendEvent } from "./append-event";
import { onCommittedEvents } from "./committed-listeners";
import { loadAgentAudience, loadContactAudience, type Audience } from "./audience";
import { createHub, type Hub } from "./hub";
import { pruneEvents } from "./retention";

const quiet = { warn: () => undefined, error: () => undefined };

describe.each(backends)("realtime hub on %s (E2, E3, E5)", (backend) => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let otherInboxAgent: Audience;
  let otherAccountAdmin: Audience;
  let admin: Audience;
  let agent: Audience;
  let contact: Audience;
  const hubs: Hub[] = [];
  const newHub = (store: CoordinationStore = createMemoryStore(), pollMs = 60_000) => {
    const hub = createHub({ db: t.db, store, pollMs, log: quiet });
    hubs.push(hub);
    return hub;
  };

  beforeAll(async () => {
    t = await createTestDatabase(backend, { poolMax: 6 });
    w = await buildWorld(t.db);
    const inbox2 = await buildInbox(t.db, { accountId: w.account.id, name: "Sales" });
    const agent2 = await buildUser(t.db, { accountId: w.account.id, role: "agent" });
    await addMember(t.db, { accountId: w.account.id, inboxId: inbox2.id, userId: agent2.id });
    const other = await buildWorld(t.db);
    otherInboxAgent = await loadAgentAudience(t.db, agent2.id);
    otherAccountAdmin = await loadAgentAudience(t.db, other.admin.id);
    admin = await loadAgentAudience(t.db, w.admin.id);
    agent = await loadAgentAudience(t.db, w.agent.id);
    contact = (await loadContactAudience(t.db, w.contactInbox.id))!;
  });
  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((h) => h.close()));
  });
  afterAll(async () => closeTestDatabase(t));

  /** One conversation's worth of events in the main inbox, each tagged n. */
  async function produce(n0: number, count: number, over: Partial<Parameters<typeof appendEvent>[1]> = {}) {
    for (let n = n0; n < n0 + count; n++) {
      await appendEvent(t.db, {
        accountId: w.account.id,
        type: "message.created",
        inboxId: w.inbox.id,
        contactInboxId: w.contactInbox.id,
        payload: { n },
        ...over,
      });
    }
  }

  it("delivers committed events live, in position order, after kick; a rolled-back transaction leaves no stall", async () => {
    const hub = newHub();
    const rec = await record(hub, { audience: agent });
    await produce(1, 2);
    await t.db
      .transaction(async (tx) => {
        await appendEvent(tx, { accountId: w.account.id, type: "message.created", inboxId: w.inbox.id, payload: { n: "rolled back" } });
        throw new Error("rollback");
      })
      .catch(() => undefined);
    await produce(3, 3);
    await hub.kick();
    expect(rec.markers()).toEqual([1, 2, 3, 4, 5]);
    const seqs = rec.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it("hands each committed batch to the after-commit listeners (NT3, MA3) when a kick delivers it", async () => {
    const hub = newHub();
    const seen: unknown[] = [];
    const stop = onCommittedEvents((events) => seen.push(...events.map((e) => (e.payload as { n?: unknown }).n)));
    try {
      await produce(101, 2);
      await hub.kick();
      await produce(103, 1);
      await hub.kick();
      expect(seen).toEqual([101, 102, 103]);
    } finally {
      stop();
    }
  });

  it("keeps every audience to what it may see (E3), live and on replay", async () => {
    const hub = newHub();
    const start = (await record(hub, { audience: admin })).ready[0]!;
    const live = {
      admin: await record(hub, { audience: admin }),
      agent: await record(hub, { audience: agent }),
      contact: await record(hub, { audience: contact }),
      otherInbox: await record(hub, { audience: otherInboxAgent }),
      otherAccount: await record(hub, { audience: otherAccountAdmin }),
    };
    const conv = { accountId: w.account.id, inboxId: w.inbox.id, contactInboxId: w.contactInbox.id };
    await appendEvent(t.db, { ...conv, type: "message.created", payload: { n: "public" } });
    await appendEvent(t.db, { ...conv, type: "message.created", private: true, payload: { n: "note" } });
    await appendEvent(t.db, { ...conv, type: "message.created", private: true, payload: { n: "activity" } });
    await appendEvent(t.db, { ...conv, type: "conversation.typing_on", private: true, payload: { n: "private typing", user: { id: w.agent.id, type: "user" } } });
    await appendEvent(t.db, { ...conv, type: "conversation.typing_on", payload: { n: "agent typing", user: { id: w.agent.id, type: "user" } } });
    await appendEvent(t.db, { ...conv, type: "conversation.typing_on", payload: { n: "contact typing", user: { id: w.contact.id, type: "contact" } } });
    await appendEvent(t.db, { ...conv, type: "assignee.changed", payload: { n: "assignee" } });
    await appendEvent(t.db, { accountId: w.account.id, type: "contact.updated", payload: { n: "contact updated" } });
    await hub.kick();

    const everything = ["public", "note", "activity", "private typing", "agent typing", "contact typing", "assignee", "contact updated"];
    const expected = {
      admin: everything,
      agent: everything.filter((n) => !["private typing", "agent typing"].includes(n)), // no echo of own typing
      contact: ["public", "agent typing"],
      otherInbox: ["contact updated"], // account-wide events only
      otherAccount: [],
    };
    for (const [name, rec] of Object.entries(live)) expect(rec.markers(), `${name} live`).toEqual(expected[name as keyof typeof expected]);

    const audiences = { admin, agent, contact, otherInbox: otherInboxAgent, otherAccount: otherAccountAdmin };
    for (const [name, audience] of Object.entries(audiences)) {
      const replayed = await record(hub, { audience, cursor: start });
      expect(replayed.markers(), `${name} replay`).toEqual(expected[name as keyof typeof expected]);
      replayed.subscription.close();
    }
  });

  it("resumes an agent and a contact with exactly the events produced while they were away", async () => {
    const hub = newHub();
    for (const audience of [agent, contact]) {
      const first = await record(hub, { audience });
      await produce(100, 3);
      await hub.kick();
      expect(first.markers()).toEqual([100, 101, 102]);
      first.subscription.close();
      const cursor = first.subscription.lastSeq;

      await produce(200, 7);
      await hub.kick();
      const resumed = await record(hub, { audience, cursor });
      await produce(300, 2);
      await hub.kick();
      expect(resumed.markers()).toEqual([200, 201, 202, 203, 204, 205, 206, 300, 301]);
      expect(resumed.resyncs).toEqual([]);
      resumed.subscription.close();
    }
  });

  it("sends resync when the cursor is older than retention, or unknown, and carries on live", async () => {
    const hub = newHub();
    const first = await record(hub, { audience: agent });
    await produce(1, 2);
    await hub.kick();
    const cursor = first.subscription.lastSeq;
    first.subscription.close();
    await produce(3, 2);
    await hub.kick();
    await t.db.execute(sql`update events set created_at = now() - interval '2 days' where seq is not null`);
    await pruneEvents(t.db, { now: new Date() });

    const stale = await record(hub, { audience: agent, cursor });
    expect(stale.resyncs).toEqual([{ reason: "pruned", seq: expect.any(Number) }]);
    expect(stale.events).toEqual([]);
    const unknown = await record(hub, { audience: agent, cursor: 1e12 });
    expect(unknown.resyncs.map((r) => r.reason)).toEqual(["unknown"]);
    await produce(5, 1);
    await hub.kick();
    expect(stale.markers()).toEqual([5]);
    expect(unknown.markers()).toEqual([5]);
  });

  it("keeps delivering when a subscriber throws, and kick never rejects (E2)", async () => {
    const hub = newHub();
    await hub.subscribe({
      audience: agent,
      onEvent: () => {
        throw new Error("listener bug");
      },
    });
    const healthy = await record(hub, { audience: agent });
    await produce(1, 2);
    await expect(hub.kick()).resolves.toBeUndefined();
    expect(healthy.markers()).toEqual([1, 2]);
  });

  it("B2 wake-ups are coalesced: passes that relay while one is in flight send one follow-up, and the other instance still reads every event without a poll", async () => {
    const store = createMemoryStore();
    const publish = store.publish.bind(store);
    const published: string[] = [];
    let release!: () => void;
    let held: Promise<void> | null = new Promise<void>((resolve) => (release = resolve));
    store.publish = async (channel, message) => {
      published.push(message);
      const gate = held;
      held = null; // only the first wake-up is held on its way
      if (gate) await gate;
      return publish(channel, message);
    };
    const writer = newHub(store);
    const reader = newHub(store);
    const rec = await record(reader, { audience: contact });
    await writer.kick();
    for (let n = 1; n <= 5; n++) {
      await produce(n, 1);
      await writer.kick();
    }
    expect(published).toHaveLength(1);
    release();
    await waitFor("the reader to read all five", () => rec.events.length === 5);
    await waitFor("the one follow-up wake-up", () => published.length === 2);
    expect(rec.markers()).toEqual([1, 2, 3, 4, 5]);
    await produce(6, 1);
    await writer.kick();
    await waitFor("the next wake-up", () => rec.events.length === 6);
    expect(published).toHaveLength(3);
  });

  it("delivers with the coordination store down (R2): locally on kick, and by the poll without one", async () => {
    const down = createMemoryStore();
    down.publish = () => Promise.reject(new Error("redis down"));
    down.subscribe = () => Promise.reject(new Error("redis down"));
    const hub = newHub(down, 50);
    const rec = await record(hub, { audience: contact });
    await produce(1, 2);
    await expect(hub.kick()).resolves.toBeUndefined();
    expect(rec.markers()).toEqual([1, 2]);
    await produce(3, 2); // no kick: only the poll can deliver these
    await waitFor("poll delivery", () => rec.events.length === 4);
    expect(rec.markers()).toEqual([1, 2, 3, 4]);
  });

  it("recovers without a restart when the database was unreachable as the hub started (R3)", async () => {
    let down = true;
    const flaky = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (down && (prop === "execute" || prop === "transaction")) return () => Promise.reject(new Error("database down"));
        return Reflect.get(target, prop, receiver);
      },
    });
    const hub = createHub({ db: flaky, store: createMemoryStore(), pollMs: 60_000, log: quiet });
    hubs.push(hub);
    await expect(hub.subscribe({ audience: agent, onEvent: () => undefined })).rejects.toThrow("database down");
    await expect(hub.kick()).resolves.toBeUndefined();
    down = false;
    const rec = await record(hub, { audience: agent });
    await produce(1, 1);
    await hub.kick();
    expect(rec.markers()).toEqual([1]);
  });

  it("a contact's HMAC-verified siblings in the inbox share one stream; an unverified one stays alone", async () => {
    const verifiedA = await buildContactInbox(t.db, { accountId: w.account.id, contactId: w.contact.id, inboxId: w.inbox.id });
    const verifiedB = await buildContactInbox(t.db, { accountId: w.account.id, contactId: w.contact.id, inboxId: w.inbox.id });
    await t.db.execute(sql`update contact_inboxes set hmac_verified = true where id in (${verifiedA.id}, ${verifiedB.id})`);
    expect((await loadContactAudience(t.db, verifiedA.id))!.contactInboxIds.sort()).toEqual([verifiedA.id, verifiedB.id].sort());
    expect((await loadContactAudience(t.db, w.contactInbox.id))!.contactInboxIds).toEqual([w.contactInbox.id]);
    expect(await loadContactAudience(t.db, 987_654)).toBeNull();
  });
});
