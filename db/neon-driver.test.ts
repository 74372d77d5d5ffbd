import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/db/client";
import { accounts, contacts } from "@/db/schema";
import { createEmptyPostgresDatabase, dropPostgresDatabase } from "@/test/support/db";
import { startNeonWsProxy, type NeonWsProxy } from "@/test/support/neon-ws-proxy";

/**
 * The serverless deployment path (SPEC §1.3, §3): the app's own openDatabase with the Neon driver,
 * speaking Postgres over WebSockets through a local proxy to the local server. A fresh, empty
 * database (not the migrated template) so the migrations themselves run through the driver.
 */
describe("Neon serverless driver through a WebSocket proxy (SPEC §3)", () => {
  let proxy: NeonWsProxy;
  let database: Database;
  let dbName: string;

  beforeAll(async () => {
    proxy = await startNeonWsProxy();
    const { name, url } = await createEmptyPostgresDatabase("parley_neon");
    dbName = name;
    database = await openDatabase({
      DATABASE_URL: url,
      DATABASE_DRIVER: "neon",
      NEON_WS_PROXY: proxy.wsProxy,
      DATA_DIR: ".data",
      // Two connections: the lock test needs a second session beside the open transaction.
      DATABASE_POOL_MAX: 2,
    });
  });

  afterAll(async () => {
    await database?.close();
    await proxy?.close();
    if (dbName) await dropPostgresDatabase(dbName);
  });

  it("runs the committed migrations and plain queries through the proxy", async () => {
    expect(database.driver).toBe("neon");
    await database.migrate();
    await database.ping();
    expect(proxy.connections()).toBeGreaterThan(0);

    const journal = JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: unknown[] };
    const applied = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    expect(applied[0]?.n).toBe(journal.entries.length);

    const [account] = await database.db.insert(accounts).values({ name: "Neon Ltd" }).returning();
    const found = await database.db.select().from(accounts).where(eq(accounts.id, account!.id));
    expect(found).toEqual([expect.objectContaining({ name: "Neon Ltd", locale: "en" })]);
  });

  it("commits an interactive transaction", async () => {
    const [account] = await database.db.insert(accounts).values({ name: "Committed" }).returning();
    await database.db.transaction(async (tx) => {
      // Interactive: the second statement uses what the first returned, on the same connection.
      const [contact] = await tx.insert(contacts).values({ accountId: account!.id, name: "Ada" }).returning();
      await tx.update(contacts).set({ name: "Ada Lovelace" }).where(eq(contacts.id, contact!.id));
    });
    const rows = await database.db.select().from(contacts).where(eq(contacts.accountId, account!.id));
    expect(rows.map((r) => r.name)).toEqual(["Ada Lovelace"]);
  });

  it("rolls a failed transaction back completely", async () => {
    const [account] = await database.db.insert(accounts).values({ name: "Rolled back" }).returning();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(contacts).values({ accountId: account!.id, name: "Grace" });
        await tx.update(accounts).set({ name: "Renamed" }).where(eq(accounts.id, account!.id));
        const seen = await tx.select().from(contacts).where(eq(contacts.accountId, account!.id));
        expect(seen).toHaveLength(1);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");

    const left = await database.db.select().from(contacts).where(eq(contacts.accountId, account!.id));
    expect(left).toEqual([]);
    const [after] = await database.db.select().from(accounts).where(eq(accounts.id, account!.id));
    expect(after!.name).toBe("Rolled back");
  });

  it("holds a SELECT … FOR UPDATE row lock until the transaction ends", async () => {
    const [account] = await database.db.insert(accounts).values({ name: "Locked" }).returning();
    await database.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(accounts).where(eq(accounts.id, account!.id)).for("update");
      expect(locked!.name).toBe("Locked");
      // Another session cannot take the same lock while this transaction holds it.
      const contender = database.db.execute(sql`select id from accounts where id = ${account!.id} for update nowait`);
      await expect(contender).rejects.toSatisfy((err) => postgresCode(err) === "55P03");
      await tx.update(accounts).set({ name: "Locked and updated" }).where(eq(accounts.id, account!.id));
    });
    // Released at commit: the other session gets it now.
    const free = rowsOf<{ name: string }>(await database.db.execute(sql`select name from accounts where id = ${account!.id} for update nowait`));
    expect(free[0]?.name).toBe("Locked and updated");
  });
});

/** Rows of a raw execute(): the shared Db type leaves the driver's result shape open. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The SQLSTATE of a driver error, which drizzle wraps in its own error as `cause`. */
function postgresCode(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
