import { eq } from "drizzle-orm";
import { peerHeaders } from "@/lib/http/client-ip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { inboxes } from "@/db/schema";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { clientApi, type ClientResponse } from "@/test/support/client-api";
import { buildClientWorld, rowCounts } from "@/test/support/client-world";

/**
 * W6 on the Client API, as on the widget: per client IP, with the default limits (lib/env.ts —
 * 6 new conversations per 12 h, 60 contact changes per hour, 60 messages per minute). Over the limit:
 * 429 + Retry-After, and nothing written.
 */
describe.each(backends)("Client API W6 per-IP limits (%s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
  });
  afterAll(async () => closeTestDatabase(t));

  async function world(overrides: Parameters<typeof buildClientWorld>[1] = {}) {
    installCoordinationStore(createMemoryStore());
    return buildClientWorld(t.db, overrides);
  }
  const from = (ip: string) => peerHeaders(ip);

  /** Calls `n` times; the last answer must be the 429 and have written nothing. */
  async function untilRefused(n: number, call: (i: number) => Promise<ClientResponse>): Promise<{ statuses: number[]; last: ClientResponse }> {
    const statuses: number[] = [];
    let last!: ClientResponse;
    for (let i = 0; i < n; i++) {
      const before = i === n - 1 ? await rowCounts(t.db) : null;
      last = await call(i);
      statuses.push(last.status);
      if (before) expect(await rowCounts(t.db)).toEqual(before);
    }
    return { statuses, last };
  }

  it("§A5: the 7th new conversation from one address in 12 h is a 429 with Retry-After; another address is unaffected", async () => {
    const w = await world();
    const { statuses, last } = await untilRefused(7, () => clientApi("POST", `${w.contactBase}/conversations`, { body: {}, headers: from("198.51.100.1") }));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last.headers.get("access-control-allow-origin")).toBe("*");
    expect(last.body).toEqual({ error: "Too many conversations from this address" });
    expect((await clientApi("POST", `${w.contactBase}/conversations`, { body: {}, headers: from("198.51.100.2") })).status).toBe(200);
  });

  it("§A5: an inbox locked to a single conversation answers the existing one, which opens nothing and counts nothing", async () => {
    const w = await world();
    await t.db.update(inboxes).set({ lockToSingleConversation: true }).where(eq(inboxes.id, w.inbox.id));
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await clientApi("POST", `${w.contactBase}/conversations`, { body: {}, headers: from("198.51.100.3") })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it("§A1/§A3: the 61st contact change from one address in an hour is a 429 and creates or changes nothing", async () => {
    const w = await world();
    const ip = from("198.51.100.4");
    for (let i = 0; i < 30; i++) expect((await clientApi("POST", `${w.base}/contacts`, { body: { name: `Visitor ${i}` }, headers: ip })).status).toBe(200);
    for (let i = 0; i < 30; i++) expect((await clientApi("PATCH", w.contactBase, { body: { name: `Grace ${i}` }, headers: ip })).status).toBe(200);
    const created = await untilRefused(1, () => clientApi("POST", `${w.base}/contacts`, { body: { name: "One too many" }, headers: ip }));
    expect(created.statuses).toEqual([429]);
    expect(created.last.body).toEqual({ error: "Too many contact updates from this address" });
    const updated = await untilRefused(1, () => clientApi("PUT", w.contactBase, { body: { name: "Changed" }, headers: ip }));
    expect(updated.statuses).toEqual([429]);
    expect(((await clientApi("GET", w.contactBase)).body as { name: string }).name).toBe("Grace 29");
  });

  it("§A11: the 61st message from one address in a minute is a 429, across conversations, on top of M2", async () => {
    const w = await world();
    const ip = from("198.51.100.5");
    const conversations: number[] = [];
    for (let i = 0; i < 5; i++) conversations.push(((await clientApi("POST", `${w.contactBase}/conversations`, { body: {}, headers: from(`198.51.100.${50 + i}`) })).body as { id: number }).id);
    // 15 per conversation stays under M2's 20 per conversation per minute.
    const { statuses, last } = await untilRefused(61, (i) =>
      clientApi("POST", `${w.contactBase}/conversations/${conversations[Math.floor(i / 15)]}/messages`, { body: { content: `m${i}` }, headers: ip }),
    );
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect(last.body).toEqual({ error: "Too many messages" });
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
