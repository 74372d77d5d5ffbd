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
  it("with realistic, writes English and Russian names, phones and text that full-text search finds in any form", async () => {
    const {
      rows: [before],
    } = await pg.query<{ max: number }>("select coalesce(max(id), 0)::int as max from contacts");
    const result = await generateData(pg, { accountId, conversations: 100, contacts: 120, agents: 0, tag: "real", realistic: true });
    expect(result).toMatchObject({ conversations: 100, contacts: 120, messages: 1000 });
    const {
      rows: [c],
    } = await pg.query<{ ru: number; en: number; phones: number; bad_phones: number }>(
      `select count(*) filter (where name ~ '^[А-ЯЁ]')::int as ru, count(*) filter (where name ~ '^[A-Z][a-z]+ [A-Z]')::int as en,
              count(phone_number)::int as phones, count(*) filter (where phone_number !~ '^\\+[1-9][0-9]{1,14}$')::int as bad_phones
         from contacts where account_id = $1 and id > $2`,
      [accountId, before!.max],
    );
    expect(c!.ru).toBeGreaterThan(0);
    expect(c!.en).toBeGreaterThan(0);
    expect(c!.phones).toBeGreaterThan(0);
    expect(c!.bad_phones).toBe(0);
    const found = async (q: string) =>
      (await pg.query<{ n: number }>("select count(*)::int as n from messages where account_id = $1 and search_vector @@ websearch_to_tsquery('russian', $2)", [accountId, q])).rows[0]!.n;
    expect(await found("заказы")).toBeGreaterThan(0);
    expect(await found("orders")).toBeGreaterThan(0);
    expect(await found("заказы")).toBe(await found("заказ"));
    // Every inbox gets both languages (an agent of one inbox finds Russian and English text).
    const { rows: perInbox } = await pg.query<{ inbox_id: number; ru: number; en: number }>(
      `select inbox_id, count(*) filter (where content ~ '[а-я]')::int as ru, count(*) filter (where content ~ '^[a-z]')::int as en
         from messages where account_id = $1 and conversation_id in (select id from conversations where contact_id > $2) group by inbox_id`,
      [accountId, before!.max],
    );
    expect(perInbox.length).toBeGreaterThan(1);
    for (const row of perInbox) expect([row.inbox_id, row.ru > 0, row.en > 0]).toEqual([row.inbox_id, true, true]);
  });
});

async function counts(pg: Client, accountId: number): Promise<{ conversations: number; messages: number }> {
  const { rows } = await pg.query<{ conversations: number; messages: number }>(
    "select (select count(*)::int from conversations where account_id = $1) as conversations, (select count(*)::int from messages where account_id = $1) as messages",
    [accountId],
  );
  return rows[0]!;
}
