import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, contacts, conversations, inboxes } from "@/db/schema";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";

describe.each(backends)("conversation display_id on %s (SPEC §4)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend, { poolMax: 20 });
  });
  afterAll(async () => closeTestDatabase(t));

  async function accountWithContact(name: string) {
    const [account] = await t.db.insert(accounts).values({ name }).returning();
    const [inbox] = await t.db.insert(inboxes).values({ accountId: account!.id, name: "Website" }).returning();
    const [contact] = await t.db.insert(contacts).values({ accountId: account!.id, name: "Ada" }).returning();
    return { accountId: account!.id, inboxId: inbox!.id, contactId: contact!.id };
  }

  it("gives 100 concurrent inserts in one account 100 distinct numbers, and another account starts at 1", async () => {
    const a = await accountWithContact("Acme");
    const rows = await Promise.all(Array.from({ length: 100 }, () => t.db.transaction((tx) => tx.insert(conversations).values(a).returning({ displayId: conversations.displayId }))));
    const numbers = rows.map((r) => r[0]!.displayId).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(100);
    expect(numbers[0]).toBe(1);
    expect(numbers[99]).toBe(100);

    const b = await accountWithContact("Globex");
    const [first] = await t.db.insert(conversations).values(b).returning();
    expect(first!.displayId).toBe(1);
  });
});
