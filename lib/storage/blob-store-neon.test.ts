import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/db/client";
import { accounts } from "@/db/schema";
import { createEmptyPostgresDatabase, dropPostgresDatabase } from "@/test/support/db";
import { startNeonWsProxy, type NeonWsProxy } from "@/test/support/neon-ws-proxy";
import { blobStore } from "./index";

/**
 * The database store over Neon's serverless driver (SPEC §3): bytea goes through a third wire
 * encoding there, so the round trip is checked on it too (the contract suite covers pg and PGlite).
 */
describe("blob store (database) on the Neon driver", () => {
  let proxy: NeonWsProxy;
  let database: Database;
  let dbName: string;

  beforeAll(async () => {
    proxy = await startNeonWsProxy();
    const { name, url } = await createEmptyPostgresDatabase("parley_neon_blob");
    dbName = name;
    database = await openDatabase({ DATABASE_URL: url, DATABASE_DRIVER: "neon", NEON_WS_PROXY: proxy.wsProxy, DATA_DIR: ".data", DATABASE_POOL_MAX: 2 });
    await database.migrate();
  });

  afterAll(async () => {
    await database?.close();
    await proxy?.close();
    if (dbName) await dropPostgresDatabase(dbName);
  });

  it("stores and returns every byte value unchanged, inside a transaction", async () => {
    const [account] = await database.db.insert(accounts).values({ name: "Neon files" }).returning();
    const bytes = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) % 256);
    await database.db.transaction((tx) => blobStore().put(tx, { storageKey: "neon-1", accountId: account!.id, bytes }));
    const back = await blobStore().get(database.db, "neon-1");
    expect(database.driver).toBe("neon");
    expect(Buffer.from(back!).equals(Buffer.from(bytes))).toBe(true);
  });
});
