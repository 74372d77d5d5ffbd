import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildWorld } from "@/test/support/engine-fixtures";
import { insertEvent, waitFor } from "@/test/support/realtime";
import { loadAgentAudience, type AgentAudience } from "./audience";
import { hubEventStream, parseCursor } from "./event-stream";
import { createHub, type Hub } from "./hub";
import { connectStream, type StreamMessage } from "./stream-client";

describe("parseCursor", () => {
  it("takes Last-Event-ID, falls back to last_event_id, and ignores anything but a non-negative integer", () => {
    const req = (url: string, id?: string) => new Request(url, { headers: id === undefined ? {} : { "Last-Event-ID": id } });
    expect(parseCursor(req("http://x/s", "42"))).toBe(42);
    expect(parseCursor(req("http://x/s?last_event_id=7"))).toBe(7);
    expect(parseCursor(req("http://x/s?last_event_id=7", "9"))).toBe(9);
    for (const bad of ["", "-1", "1.5", "abc", "99999999999999999999"]) expect(parseCursor(req("http://x/s", bad))).toBeNull();
    expect(parseCursor(req("http://x/s"))).toBeNull();
  });
});

describe.each(backends)("hubEventStream on %s", (backend) => {
  let t: TestDatabase;
  let hub: Hub;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    hub = createHub({ db: t.db, store: createMemoryStore(), pollMs: 60_000 });
    w = await buildWorld(t.db);
  });
  afterAll(async () => {
    await hub.close();
    await closeTestDatabase(t);
  });

  it("follows a membership change without reconnecting (SPEC §8), exactly once", async () => {
    const full = await loadAgentAudience(t.db, w.agent.id);
    const none: AgentAudience = { ...full, accounts: full.accounts.map((a) => ({ ...a, inboxIds: [] })) };
    let current = full;
    let refreshes = 0;
    const got: StreamMessage[] = [];
    const client = connectStream({
      url: "http://parley.test/stream",
      fetch: async (_url, init) =>
        hubEventStream({
          hub,
          audience: full,
          cursor: null,
          signal: init!.signal!,
          refreshMs: 20,
          refreshAudience: async () => (refreshes++, current),
        }),
      onMessage: (m) => got.push(m),
    });
    const events = () => got.filter((m) => m.event !== "ready").map((m) => (JSON.parse(m.data) as { n: unknown }).n);
    const emit = async (n: number | string, inboxId: number | null = w.inbox.id) => {
      await insertEvent(t.db, { accountId: w.account.id, inboxId, type: inboxId ? "message.created" : "contact.updated", payload: { n } });
      await hub.kick();
    };
    const refreshed = async () => {
      const seen = refreshes;
      await waitFor("two refreshes", () => refreshes >= seen + 2);
    };
    await waitFor("ready", () => got.some((m) => m.event === "ready"));
    await emit(1);
    await waitFor("event 1", () => events().length === 1);

    current = none; // removed from the inbox
    await refreshed();
    await emit(2);
    await emit("account-wide", null);
    await waitFor("the account-wide event", () => events().includes("account-wide"));
    expect(events()).toEqual([1, "account-wide"]);

    current = full; // added back
    await refreshed();
    await emit(3);
    await waitFor("event 3", () => events().includes(3));
    client.close();
    expect(events()).toEqual([1, "account-wide", 3]);
    expect(got.filter((m) => m.event === "ready")).toHaveLength(1);
  });
});
