import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { seedDemo } from "@/scripts/seed/seed-demo";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { analyze, generateData } from "./generate-data";

describe("bench data generator (real Postgres)", () => {
  let t: TestDatabase;
  let pg: Client;
  let accountId: number;

  beforeAll(async () => {
    t = await createTestDatabase("postgres", { poolMax: 2 });
    const seeded = await seedDemo(t.db, { adminEmail: "admin@example.com", password: "bench-password" });
    if (!seeded.created) throw new Error("seed did not run");
    accountId = seeded.accountId;
    pg = new Client({ connectionString: t.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    if (t) await closeTestDatabase(t);
  });

  it("adds N conversations and 10·N messages through the schema's constraints and display_id trigger", async () => {
    const before = await counts(pg, accountId);
    const result = await generateData(pg, { accountId, conversations: 200, agents: 5, inboxes: 3 });
    await analyze(pg);
    const after = await counts(pg, accountId);
    expect(result).toMatchObject({ conversations: 200, messages: 2000, contacts: 160, agents: 5, inboxes: 3 });
    expect(after.conversations - before.conversations).toBe(200);
    expect(after.messages - before.messages).toBe(2000);
    // display_id continues the account's sequence: unique and gap-free after the seeded ones
    const { rows: ids } = await pg.query<{ n: number; distinct: number; max: number }>(
      "select count(*)::int as n, count(distinct display_id)::int as distinct, max(display_id)::int as max from conversations where account_id = $1",
      [accountId],
    );
    expect(ids[0]).toEqual({ n: after.conversations, distinct: after.conversations, max: after.conversations });
    // every status occurs, some conversations are unassigned, assignees are members of the conversation's inbox
    const { rows: statuses } = await pg.query<{ status: string }>("select distinct status from conversations where account_id = $1", [accountId]);
    expect(statuses.map((s) => s.status).sort()).toEqual(["open", "pending", "resolved", "snoozed"]);
    const { rows: foreign } = await pg.query<{ n: number }>(
      `select count(*)::int as n from conversations c where c.assignee_id is not null
         and not exists (select 1 from inbox_members m where m.inbox_id = c.inbox_id and m.user_id = c.assignee_id)
         and c.contact_inbox_id in (select id from contact_inboxes where source_id like 'bench-%')`,
    );
    expect(foreign[0]!.n).toBe(0);
    const { rows: unread } = await pg.query<{ n: number }>(
      `select count(*)::int as n from conversations c where exists (select 1 from messages m where m.conversation_id = c.id
         and m.message_type = 'incoming' and m.created_at > coalesce(c.agent_last_seen_at, '-infinity'))`,
    );
    expect(unread[0]!.n).toBeGreaterThan(0);
    expect(unread[0]!.n).toBeLessThan(after.conversations);
  });
});

async function counts(pg: Client, accountId: number): Promise<{ conversations: number; messages: number }> {
  const { rows } = await pg.query<{ conversations: number; messages: number }>(
    "select (select count(*)::int from conversations where account_id = $1) as conversations, (select count(*)::int from messages where account_id = $1) as messages",
    [accountId],
  );
  return rows[0]!;
}
