import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as assignmentsRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/assignments/route";
import * as messagesRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import { messages } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { addMember, buildUser, messagesOf, reloadConversation } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

/**
 * Races through the HTTP edge on real Postgres with a pool wide enough for every request to hold
 * its own connection at once (PGlite has one connection, so it cannot race).
 */
describe("Application API under concurrency (Postgres, pool 30)", () => {
  const { t, w } = setUpApiWorld("postgres", { poolMax: 30 });

  const newConversation = () => createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
  const params = (displayId: number) => ({ accountId: String(w.account.id), conversationId: String(displayId) });

  it("M2: 50 simultaneous message POSTs with limit 20 store exactly 20 (200) and refuse 30 with 429 + Retry-After", async () => {
    const c = await newConversation();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(messagesRoute.POST, { method: "POST", params: params(c.displayId), token: w.agent.accessToken, body: { content: `burst ${i}` } })),
    );
    const ok = results.filter((r) => r.status === 200);
    const limited = results.filter((r) => r.status === 429);
    expect([ok.length, limited.length]).toEqual([20, 30]);
    for (const r of limited) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(r.body).toEqual({ error: "Too many messages" });
    }
    expect((await messagesOf(t.db, c.id)).filter((m) => m.content?.startsWith("burst "))).toHaveLength(20);
  });

  it("C5: 20 simultaneous claims by different agents → exactly one 200 and 19 × 409, one assignee", async () => {
    const c = await newConversation();
    const agents = await Promise.all(Array.from({ length: 20 }, (_, i) => buildUser(t.db, { accountId: w.account.id, role: "agent", name: `Claimer ${i}` })));
    for (const a of agents) await addMember(t.db, { accountId: w.account.id, inboxId: w.inbox.id, userId: a.id });
    const results = await Promise.all(agents.map((a) => call(assignmentsRoute.POST, { method: "POST", params: params(c.displayId), token: a.accessToken, body: { assignee_id: a.id } })));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const winner = (winners[0]!.body as { id: number }).id;
    expect((await reloadConversation(t.db, c.id)).assigneeId).toBe(winner);
  });

  it("M6: concurrent POSTs with the same echo_id store one message and all answer it", async () => {
    const c = await newConversation();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call(messagesRoute.POST, { method: "POST", params: params(c.displayId), token: w.agent.accessToken, body: { content: "same", echo_id: "echo-race" } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => (r.body as { id: number }).id)).size).toBe(1);
    const stored = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, c.id), eq(messages.echoId, "echo-race")));
    expect(stored).toHaveLength(1);
  });
});
