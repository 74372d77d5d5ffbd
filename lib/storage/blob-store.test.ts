import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildAccount } from "@/test/support/engine-fixtures";
import { blobStore } from "./index";

// The storage port's contract (SPEC §4 attachments): every store must pass it; the database store on every backend.
describe.each(backends)("blob store (database) on %s", (backend) => {
  let t: TestDatabase;
  let accountId: number;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    accountId = (await buildAccount(t.db)).id;
  });
  afterAll(async () => closeTestDatabase(t));

  const store = blobStore();
  // Every byte value, so no encoding step can mangle one.
  const bytes = Uint8Array.from({ length: 512 }, (_, i) => i % 256);

  it("put then get returns the same bytes; an unknown key is null; remove forgets", async () => {
    await store.put(t.db, { storageKey: "k-1", accountId, bytes });
    expect(Buffer.from((await store.get(t.db, "k-1"))!).equals(Buffer.from(bytes))).toBe(true);
    expect(await store.get(t.db, "nope")).toBeNull();
    await store.remove(t.db, ["k-1", "nope"]);
    expect(await store.get(t.db, "k-1")).toBeNull();
    await store.remove(t.db, []);
  });

  it("a put inside a transaction that rolls back leaves nothing", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await store.put(tx, { storageKey: "k-rollback", accountId, bytes });
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await store.get(t.db, "k-rollback")).toBeNull();
  });
});
