import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { AppError } from "@/lib/errors";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { edge } from "./edge";

// E2: events are delivered after commit; the edge wakes the hub after every successful mutation.
describe("route edge", () => {
  let t: TestDatabase;
  let kicks = 0;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
    installDatabase(t);
    installRealtimeHub({ kick: async () => void kicks++, subscribe: async () => ({ close() {}, lastSeq: 0 }), subscriberCount: 0, close: async () => {} });
  });
  afterAll(async () => {
    installRealtimeHub(undefined);
    await closeTestDatabase(t);
  });

  const ok = edge(async () => Response.json({ ok: true }));
  const failing = edge(async () => {
    throw AppError.validation({ content: ["can't be blank"] });
  });
  const call = (handler: typeof ok, method: string) => handler(new Request("http://localhost/api/x", { method }));

  it("wakes realtime delivery after a successful mutation", async () => {
    const before = kicks;
    expect((await call(ok, "POST")).status).toBe(200);
    expect((await call(ok, "PATCH")).status).toBe(200);
    expect((await call(ok, "DELETE")).status).toBe(200);
    expect(kicks - before).toBe(3);
  });

  it("does not for reads or failed mutations, and maps the error once", async () => {
    const before = kicks;
    expect((await call(ok, "GET")).status).toBe(200);
    const res = await call(failing, "POST");
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ attributes: ["content"], errors: { content: ["can't be blank"] } });
    expect(kicks).toBe(before);
  });
});
