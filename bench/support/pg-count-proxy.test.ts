import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { adminUrl } from "@/test/support/db";
import { startCountingProxy, type CountingProxy } from "./pg-count-proxy";

describe("counting proxy (real Postgres)", () => {
  let proxy: CountingProxy;
  let pg: Client;
  beforeAll(async () => {
    const url = new URL(adminUrl());
    proxy = await startCountingProxy({ host: url.hostname, port: Number(url.port || 5432) });
    pg = new Client({ connectionString: proxy.url(adminUrl()) });
    await pg.connect();
    proxy.take();
  });
  afterAll(async () => {
    await pg?.end();
    await proxy?.close();
  });

  it("records each simple and extended-protocol statement with its text and parameters", async () => {
    await pg.query("select 1");
    const { rows } = await pg.query<{ v: string }>("select $1::text || $2::text as v", ["a'b", "c"]);
    await pg.query("select $1::int is null as n", [null]);
    expect(rows[0]!.v).toBe("a'bc");
    expect(proxy.take()).toEqual([
      { text: "select 1", params: [] },
      { text: "select $1::text || $2::text as v", params: ["a'b", "c"] },
      { text: "select $1::int is null as n", params: [null] },
    ]);
    expect(proxy.take()).toEqual([]);
  });
});
