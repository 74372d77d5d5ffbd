import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAgentLastSeen } from "@/lib/conversations/last-seen";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildWorld } from "@/test/support/engine-fixtures";
import { canReceive, loadAgentAudience, loadContactAudience, type Audience } from "./audience";
import { latestCommittedSeq, listEventsAfter, relayEvents, type StreamEvent } from "./relay";
import { replayEvents } from "./replay";

/**
 * W2/E7 live "Seen": an agent's read reaches the visitor as `conversation.agent_seen` carrying only
 * when — never who — and never reaches agents. Live rule (canReceive) and replay rule (SQL) agree.
 */
describe.each(backends)("conversation.agent_seen audience on %s (E3, E7)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => closeTestDatabase(t));

  it("goes to the conversation's contact only, with {id, agent_last_seen_at} and nothing about the agent", async () => {
    const w = await buildWorld(t.db);
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: "anyone there?" } });
    await relayEvents(t.db);
    const from = await latestCommittedSeq(t.db);
    // After the message (created at the real clock): a fixed date here made the test depend on the hour.
    const now = new Date(Date.now() + 1_000);
    expect(await updateAgentLastSeen(t.db, { accountId: w.account.id, conversationId: c.id, userId: w.agent.id, now })).toEqual({ updated: true });
    await relayEvents(t.db);
    const produced = await listEventsAfter(t.db, from, 100);
    expect(produced.map((e) => e.type)).toEqual(["conversation.agent_seen"]);
    expect(produced[0]!.payload).toEqual({ id: c.displayId, agent_last_seen_at: Math.floor(now.getTime() / 1000), account_id: w.account.id });

    const audiences: [string, Audience, boolean][] = [
      ["administrator", await loadAgentAudience(t.db, w.admin.id), false],
      ["inbox agent", await loadAgentAudience(t.db, w.agent.id), false],
      ["the contact", (await loadContactAudience(t.db, w.contactInbox.id))!, true],
    ];
    for (const [who, audience, entitled] of audiences) {
      const live = produced.filter((e) => canReceive(audience, e)).map((e) => e.type);
      const replayed: StreamEvent[] = [];
      await replayEvents(t.db, audience, from, (e) => replayed.push(e));
      expect({ who, live }).toEqual({ who, live: entitled ? ["conversation.agent_seen"] : [] });
      expect({ who, replayed: replayed.map((e) => e.type) }).toEqual({ who, replayed: live });
    }

    // Nothing unread and seen a minute ago: no write, so no event (C6).
    expect(await updateAgentLastSeen(t.db, { accountId: w.account.id, conversationId: c.id, userId: w.agent.id, now: new Date(now.getTime() + 60_000) })).toEqual({ updated: false });
    await relayEvents(t.db);
    expect(await listEventsAfter(t.db, produced[0]!.seq, 100)).toEqual([]);
  });
});
