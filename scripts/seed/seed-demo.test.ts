import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountUsers, conversations, inboxMembers, messages, users, webWidgets, workingHours } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { seedDemo } from "./seed-demo";

describe.each(backends)("demo seed on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => closeTestDatabase(t));

  async function totals() {
    const tables = [users, accountUsers, inboxMembers, webWidgets, workingHours, conversations, messages];
    return Promise.all(tables.map(async (table) => (await t.db.select({ n: count() }).from(table))[0]!.n as number));
  }

  it("creates an administrator, two agents, a website inbox with all as members, and conversations", async () => {
    const result = await seedDemo(t.db, { adminEmail: "Owner@Example.com" });
    expect(result.created).toBe(true);
    if (!result.created) return;
    expect(result.generatedPassword).toBe(true);
    expect(result.password.length).toBeGreaterThanOrEqual(16);

    const [admin] = await t.db.select().from(users).where(eq(users.email, "owner@example.com"));
    expect(await verifyPassword(admin!.passwordHash, result.password)).toBe(true);
    const roles = await t.db.select({ role: accountUsers.role }).from(accountUsers);
    expect(roles.map((r) => r.role).sort()).toEqual(["administrator", "agent", "agent"]);
    const [userCount, , memberCount, widgetCount, hoursCount, conversationCount, messageCount] = await totals();
    expect(userCount).toBe(3);
    expect(memberCount).toBe(3);
    expect(widgetCount).toBe(1);
    expect(hoursCount).toBe(7);
    expect(conversationCount).toBeGreaterThanOrEqual(5);
    expect(messageCount).toBeGreaterThan(conversationCount!);
  });

  it("changes nothing when run again", async () => {
    const before = await totals();
    const again = await seedDemo(t.db, { adminEmail: "owner@example.com", password: "another-password" });
    expect(again.created).toBe(false);
    expect(await totals()).toEqual(before);
  });

  it("uses the given password for every seeded user", async () => {
    const other = await createTestDatabase(backend);
    try {
      await seedDemo(other.db, { adminEmail: "admin@example.com", password: "correct horse battery" });
      const all = await other.db.select().from(users);
      expect(all).toHaveLength(3);
      for (const u of all) expect(await verifyPassword(u.passwordHash, "correct horse battery")).toBe(true);
    } finally {
      await closeTestDatabase(other);
    }
  });
});
