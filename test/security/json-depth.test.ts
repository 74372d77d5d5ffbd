import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { buildClientWorld, rowCounts } from "@/test/support/client-world";
import { clientApi } from "@/test/support/client-api";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { widgetApi } from "@/test/support/widget-api";

/** `{ a: { a: … "x" } }`, `levels` objects deep. */
const nest = (levels: number): unknown => Array.from({ length: levels }).reduce<unknown>((inner) => ({ a: inner }), "x");

/** Issue #13 §6: deep JSON is a 422 naming the field, never a 500; attributes stay flat-ish (depth ≤ 3). */
describe("JSON nesting limits (#13 §6)", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof buildClientWorld>>;
  let token: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    installDatabase(t);
    installCoordinationStore(createMemoryStore());
    w = await buildClientWorld(t.db);
    const config = await widgetApi("POST", `/api/v1/widget/config?website_token=${w.widget.websiteToken}`);
    token = (config.body as { website_channel_config: { auth_token: string } }).website_channel_config.auth_token;
  });
  afterAll(async () => closeTestDatabase(t));

  const patchContact = (body: unknown) => widgetApi("PATCH", `/api/v1/widget/contact?website_token=${w.widget.websiteToken}`, { token, body });

  it("a body nested 300,000 deep is a 422 naming the field, and writes nothing", async () => {
    const before = await rowCounts(t.db);
    const res = await patchContact(`{"custom_attributes":${"[".repeat(300_000)}${"]".repeat(300_000)}}`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ attributes: ["custom_attributes"] });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("custom attributes three levels deep are kept; four are a 422 naming custom_attributes", async () => {
    expect((await patchContact({ custom_attributes: { plan: "gold", tags: ["a", "b"], address: { city: "Oslo", lines: ["x"] } } })).status).toBe(200);
    const deep = await patchContact({ custom_attributes: nest(4) });
    expect(deep.status).toBe(422);
    expect(deep.body).toMatchObject({ attributes: ["custom_attributes"] });
    const client = await clientApi("POST", `/public/api/v1/inboxes/${w.widget.websiteToken}/contacts`, { body: { name: "Deep", custom_attributes: nest(5) } });
    expect(client.status).toBe(422);
    expect(client.text).toContain("custom_attributes");
  });
});
