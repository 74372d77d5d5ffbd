import { describe, expect, it } from "vitest";
import { readJsonBody } from "./body";

const post = (body: string, type = "application/json") => new Request("http://parley.test/x", { method: "POST", headers: { "content-type": type }, body });

describe("readJsonBody", () => {
  it("decodes lone surrogates as U+FFFD, in values and keys, and keeps pairs (R4: Postgres jsonb refuses them)", async () => {
    const parsed = await readJsonBody(post('{"a":"x\\udfffy","\\ud800k":["\\ud83d\\ude00","\\ud83d"],"n":{"m":"\\udc00"}}'));
    expect(parsed).toEqual({ a: "x\ufffdy", "\ufffdk": ["😀", "\ufffd"], n: { m: "\ufffd" } });
  });

  it("keeps a __proto__ key an own property, as JSON.parse does", async () => {
    const parsed = (await readJsonBody(post('{"__proto__":{"polluted":1}}'))) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses malformed JSON (400), non-JSON types (415) and bodies over the cap (413)", async () => {
    await expect(readJsonBody(post("{"))).rejects.toMatchObject({ status: 400 });
    await expect(readJsonBody(post("a=1", "text/plain"))).rejects.toMatchObject({ status: 415 });
    await expect(readJsonBody(post(JSON.stringify({ a: "x".repeat(2_000) }), "application/json"), 1_000)).rejects.toMatchObject({ status: 413 });
  });

  it("refuses nesting past 32 levels with a 422 naming the field, without overflowing the stack (#13 §6)", async () => {
    const deep = `{"custom_attributes":${"[".repeat(500_000)}${"]".repeat(500_000)}}`;
    await expect(readJsonBody(post(deep), 2 * 1024 * 1024)).rejects.toMatchObject({ status: 422, fields: { custom_attributes: [expect.stringContaining("nested too deeply")] } });
    await expect(readJsonBody(post("[".repeat(40) + "]".repeat(40)))).rejects.toMatchObject({ status: 422, fields: { body: [expect.any(String)] } });
    const ok = "[".repeat(32) + "]".repeat(32);
    await expect(readJsonBody(post(ok))).resolves.toBeDefined();
  });
});
