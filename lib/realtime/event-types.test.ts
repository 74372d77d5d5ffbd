import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { EVENT_TYPES } from "@/lib/realtime/event-types";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { eventsOf } from "@/test/support/engine-fixtures";
import { clientApi } from "@/test/support/client-api";
import { buildClientWorld } from "@/test/support/client-world";

describe("event names (E1, pglite)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
    installDatabase(t);
  });
  afterAll(async () => closeTestDatabase(t));

  it("E1 a visitor's conversation writes only the named events, each carrying its account", async () => {
    const w = await buildClientWorld(t.db);
    const contact = await clientApi("POST", `${w.base}/contacts`, { body: { name: "Visitor Vera", email: "vera@example.test" } });
    const { source_id } = contact.body as { source_id: string };
    const created = await clientApi("POST", `${w.base}/contacts/${source_id}/conversations`, { body: {} });
    const conv = `${w.base}/contacts/${source_id}/conversations/${(created.body as { id: number }).id}`;
    expect((await clientApi("POST", `${conv}/toggle_typing`, { body: { typing_status: "on" } })).status).toBe(200);
    expect((await clientApi("POST", `${conv}/messages`, { body: { content: "Hello" } })).status).toBe(200);
    expect((await clientApi("POST", `${conv}/toggle_status`)).status).toBe(200);

    const events = await eventsOf(t.db, w.account.id);
    const names: readonly string[] = EVENT_TYPES;
    for (const e of events) {
      expect(names).toContain(e.type);
      expect(e.payload).toMatchObject({ account_id: w.account.id });
    }
    const seen = new Set(events.map((e) => e.type));
    for (const name of ["conversation.created", "conversation.typing_on", "message.created", "conversation.status_changed", "conversation.resolved"]) {
      expect(seen).toContain(name);
    }
  });
});
