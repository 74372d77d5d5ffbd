import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { buildWorld, messagesOf } from "@/test/support/engine-fixtures";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createMessage } from "./create-message";

/**
 * M6's last line of defence, which needs two connections (Postgres only): a writer that did not take
 * the conversation lock holds an uncommitted message with the same echo_id, so createMessage passes
 * its echo check, blocks on the unique index, and must answer with the winner's message once it commits.
 */
describe("M6 echo_id unique-violation race on postgres", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(async () => closeTestDatabase(t));

  /** Polls the server's view (not the clock) until a backend waits on a lock, or `done()` says stop. */
  async function waitUntilSomeoneWaitsOnALock(done: () => boolean) {
    while (!done()) {
      const { rows } = (await t.db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)) as unknown as {
        rows: { n: number }[];
      };
      if (rows[0]!.n > 0) return;
      await new Promise((r) => setImmediate(r));
    }
  }

  it("M6 a unique violation on (conversation, echo_id) re-reads and returns the stored message", async () => {
    const w = await buildWorld(t.db);
    const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held!: (id: number) => void;
    const heldId = new Promise<number>((r) => (held = r));
    const holder = t.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(messages)
        .values({ accountId: w.account.id, inboxId: w.inbox.id, conversationId: conversation.id, messageType: "incoming", content: "first", echoId: "race" })
        .returning();
      held(row!.id);
      await gate;
    });
    const winnerId = await heldId;
    const racing = createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content: "second", echo_id: "race" } });
    let settled = false;
    void racing.finally(() => (settled = true)).catch(() => undefined);
    await waitUntilSomeoneWaitsOnALock(() => settled);
    release();
    await holder;
    const result = await racing;
    expect(result).toMatchObject({ created: false, message: { id: winnerId, content: "first" } });
    expect(await messagesOf(t.db, conversation.id)).toHaveLength(1);
  });
});
