import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountUsers, events } from "@/db/schema";
import { installCoordinationStore } from "@/lib/redis";
import type { CoordinationStore } from "@/lib/redis/port";
import { buildAssignmentWorld } from "@/test/support/assignment-world";
import { backends, closeTestDatabase, createTestDatabase, type Backend, type TestDatabase } from "@/test/support/db";
import { addMember, buildInbox, defaultWeek, reloadConversation } from "@/test/support/engine-fixtures";
import { openStore, storeKinds, type OpenStore, type StoreKind } from "@/test/support/stores";
import { forgetAgentPresence, isContactOnline, presentAgentIds, presentContactIds, touchAgentPresence, touchContactPresence } from "./agent-presence";
import { effectiveAvailability, loadAgentAvailabilities } from "./effective-availability";
import { isInboxOnline } from "./inbox-online";
import { recordAgentSignOfLife, sweepPresence } from "./presence-changes";
import { setAgentAvailability } from "./set-availability";

// A Monday, 10:00 UTC: inside Monday–Friday 09:00–17:00.
const T0 = new Date("2026-03-02T10:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const combos: [StoreKind, Backend][] = storeKinds.flatMap((s) => backends.map((b): [StoreKind, Backend] => [s, b]));

/** A store whose every call fails, as the Upstash store does while Redis is down (R2). */
const downStore = new Proxy({} as CoordinationStore, {
  get: (_t, prop) => (prop === "kind" ? "redis" : async () => Promise.reject(new Error("redis down"))),
});

describe("P2 effective availability", () => {
  it("auto_offline on: offline when not present, else the chosen one; auto_offline off: always the chosen one", () => {
    for (const availability of ["online", "busy", "offline"] as const) {
      expect(effectiveAvailability({ availability, autoOffline: true }, false)).toBe("offline");
      expect(effectiveAvailability({ availability, autoOffline: true }, true)).toBe(availability);
      expect(effectiveAvailability({ availability, autoOffline: false }, false)).toBe(availability);
      expect(effectiveAvailability({ availability, autoOffline: false }, true)).toBe(availability);
    }
  });
});

describe.each(combos)("presence (store: %s, database: %s)", (storeKind, backend) => {
  let t: TestDatabase;
  let opened: OpenStore;
  let store: CoordinationStore;

  beforeAll(async () => {
    [t, opened] = await Promise.all([createTestDatabase(backend), openStore(storeKind)]);
    store = opened.store;
    installCoordinationStore(store);
  });
  afterAll(async () => {
    await Promise.all([closeTestDatabase(t), opened.cleanup()]);
  });

  const presenceEvents = async (accountId: number) =>
    t.db
      .select()
      .from(events)
      .where(and(eq(events.accountId, accountId), eq(events.type, "presence.update")))
      .orderBy(asc(events.id));

  it("P1: an agent is present for 60 s after the last sign of life, and not after; sign-out forgets at once", async () => {
    const w = await buildAssignmentWorld(t.db, store, { agents: [{}, { present: false }], now: T0 });
    const [a] = w.agents;
    expect(await presentAgentIds(store, w.account.id, at(59))).toEqual(new Set([a!.id]));
    expect(await presentAgentIds(store, w.account.id, at(60))).toEqual(new Set([a!.id]));
    expect(await presentAgentIds(store, w.account.id, new Date(at(60).getTime() + 1))).toEqual(new Set());
    await touchAgentPresence(store, { accountIds: [w.account.id], userId: a!.id, now: at(100) });
    expect(await presentAgentIds(store, w.account.id, at(150))).toEqual(new Set([a!.id]));
    await forgetAgentPresence(store, { accountId: w.account.id, userId: a!.id });
    expect(await presentAgentIds(store, w.account.id, at(150))).toEqual(new Set());
  });

  it("online_status_tracker: only online agents with presence count, plus auto_offline false agents without it", async () => {
    const w = await buildAssignmentWorld(t.db, store, {
      agents: [{ present: true }, { present: false }, { present: false, autoOffline: false }, { present: false, autoOffline: false, availability: "busy" }, { present: true, availability: "busy" }],
      now: T0,
    });
    const list = await loadAgentAvailabilities(t.db, store, { accountId: w.account.id, now: at(30) });
    const byId = new Map(list.map((a) => [a.userId, a.effective]));
    expect(w.agents.map((a) => byId.get(a.id))).toEqual(["online", "offline", "online", "busy", "busy"]);
    // An entry older than the window is flushed (Chatwoot: now - 40 s with a 20 s window; here 61 s).
    const later = await loadAgentAvailabilities(t.db, store, { accountId: w.account.id, now: at(61) });
    expect(later.find((a) => a.userId === w.agents[0]!.id)!.effective).toBe("offline");
  });

  it("visitors' presence works the same way, keyed by contact id", async () => {
    const w = await buildAssignmentWorld(t.db, store, { agents: [], now: T0 });
    await touchContactPresence(store, { accountId: w.account.id, contactId: w.contact.id, now: T0 });
    expect(await presentContactIds(store, w.account.id, at(60))).toEqual(new Set([w.contact.id]));
    expect(await isContactOnline(store, { accountId: w.account.id, contactId: w.contact.id, now: at(30) })).toBe(true);
    expect(await isContactOnline(store, { accountId: w.account.id, contactId: w.contact.id, now: at(61) })).toBe(false);
  });

  it("P3: online only inside working hours and with a member effectively online", async () => {
    const hours = { workingHoursEnabled: true, timezone: "UTC" };
    const open = await buildAssignmentWorld(t.db, store, { agents: [{}], inbox: hours, now: T0 });
    // The world's inbox has no schedule rows; give this one the default week.
    const weekInbox = await buildInbox(t.db, { accountId: open.account.id, schedule: defaultWeek, ...hours });
    await addMember(t.db, { accountId: open.account.id, inboxId: weekInbox.id, userId: open.agents[0]!.id });
    expect(await isInboxOnline(t.db, weekInbox.id, at(30), store)).toBe(true);
    // Inside hours but nobody present (auto_offline on) → offline.
    expect(await isInboxOnline(t.db, weekInbox.id, at(3600), store)).toBe(false);
    // Monday 18:00: closed, although the agent is present.
    await open.ping(new Date("2026-03-02T18:00:00Z"), open.agents[0]!.id);
    expect(await isInboxOnline(t.db, weekInbox.id, new Date("2026-03-02T18:00:10Z"), store)).toBe(false);
    // A day without rows counts as closed: the world's own inbox has no schedule.
    expect(await isInboxOnline(t.db, open.inbox.id, at(30), store)).toBe(false);

    const noHours = await buildAssignmentWorld(t.db, store, { agents: [{ availability: "busy" }, { present: false, autoOffline: false }], now: T0 });
    expect(await isInboxOnline(t.db, noHours.inbox.id, new Date("2026-03-01T03:00:00Z"), store)).toBe(true); // Sunday night, hours off
    await t.db.update(accountUsers).set({ availability: "busy" }).where(eq(accountUsers.userId, noHours.agents[1]!.id));
    expect(await isInboxOnline(t.db, noHours.inbox.id, at(30), store)).toBe(false); // busy is not online
  });

  it("P3 with the store down: only auto_offline-off agents can make the inbox online", async () => {
    const w = await buildAssignmentWorld(t.db, store, { agents: [{}], now: T0 });
    expect(await isInboxOnline(t.db, w.inbox.id, at(10), downStore)).toBe(false);
    await t.db.update(accountUsers).set({ autoOffline: false }).where(eq(accountUsers.userId, w.agents[0]!.id));
    expect(await isInboxOnline(t.db, w.inbox.id, at(10), downStore)).toBe(true);
  });

  it("an availability change that changes the effective availability writes presence.update; one that does not, nothing", async () => {
    const w = await buildAssignmentWorld(t.db, store, { agents: [{}, { present: false }], now: T0 });
    const [present, absent] = [w.agents[0]!, w.agents[1]!];
    expect(await setAgentAvailability(t.db, { accountId: w.account.id, userId: present.id, availability: "busy", now: at(10), store })).toEqual({ before: "online", after: "busy" });
    // Absent with auto_offline on: offline before and after.
    expect(await setAgentAvailability(t.db, { accountId: w.account.id, userId: absent.id, availability: "busy", now: at(11), store })).toEqual({ before: "offline", after: "offline" });
    const list = await presenceEvents(w.account.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ private: true, inboxId: null, conversationId: null });
    expect(list[0]!.payload).toEqual({ account_id: w.account.id, users: { [present.id]: "busy", [absent.id]: "offline" }, contacts: {} });
  });

  it("the sweep announces presence appearing and expiring once each (no per-agent timers)", async () => {
    const w = await buildAssignmentWorld(t.db, store, { agents: [{}, { present: false, autoOffline: false }], now: T0 });
    const [a] = w.agents;
    await sweepPresence(t.db, store, at(10));
    await sweepPresence(t.db, store, at(20));
    await sweepPresence(t.db, store, at(70));
    await sweepPresence(t.db, store, at(80));
    const list = (await presenceEvents(w.account.id)).map((e) => (e.payload.users as Record<string, string>)[String(a!.id)]);
    expect(list).toEqual(["online", "offline"]);
  });

  it("an agent coming online (availability or a sign of life) drains the backlog at once", async () => {
    const w = await buildAssignmentWorld(t.db, store, { agents: [{ present: false }], now: T0 });
    const c = await w.open(at(1));
    expect(c.assigneeId).toBeNull();
    expect(await recordAgentSignOfLife(t.db, store, { accountId: w.account.id, userId: w.agents[0]!.id, now: at(2) })).toBe(1);
    expect((await reloadConversation(t.db, c.id)).assigneeId).toBe(w.agents[0]!.id);
    // Already present: a further sign of life only touches.
    expect(await recordAgentSignOfLife(t.db, store, { accountId: w.account.id, userId: w.agents[0]!.id, now: at(3) })).toBe(0);
  });
});
