import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { peerHeaders } from "@/lib/http/client-ip";
import { installDatabase } from "@/db/client";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildClientWorld, rowCounts } from "@/test/support/client-world";
import { widgetApi, type WidgetCall } from "@/test/support/widget-api";

/**
 * SPEC §8 / R4 on every Widget API endpoint: malformed JSON, wrong types, huge strings, NUL and unknown
 * ids get a 4xx with a clear body, never a 500, and write nothing.
 */
type Case = [name: string, method: string, path: string, call: Omit<WidgetCall, "token">, status: number];
const json = (raw: string): Omit<WidgetCall, "token"> => ({ body: raw, headers: { "content-type": "application/json" } });
const NUL = "a\u0000b";
const HUGE = "x".repeat(150_001);

const cases: Case[] = [
  ["config unknown website_token", "POST", "/api/v1/widget/config?website_token=nope", {}, 404],
  ["config NUL website_token", "POST", "/api/v1/widget/config?website_token=a%00b", {}, 404],
  ["config malformed JSON", "POST", "/api/v1/widget/config?website_token=$T", json("{"), 400],
  ["config website_token a number in the body", "POST", "/api/v1/widget/config", { body: { website_token: 5 } }, 404],
  ["contact name a number", "PATCH", "/api/v1/widget/contact?website_token=$T", { body: { name: 5 } }, 422],
  ["contact huge name", "PATCH", "/api/v1/widget/contact?website_token=$T", { body: { name: HUGE } }, 422],
  ["contact NUL in custom_attributes", "PUT", "/api/v1/widget/contact?website_token=$T", { body: { custom_attributes: { k: NUL } } }, 422],
  ["contact body over 1 MB", "PATCH", "/api/v1/widget/contact?website_token=$T", { body: { name: "x".repeat(1_100_000) } }, 413],
  ["set_user wrong hash", "PATCH", "/api/v1/widget/contact/set_user?website_token=$T", { body: { identifier: "u", identifier_hash: "0".repeat(64) } }, 401],
  ["set_user identifier an object", "PATCH", "/api/v1/widget/contact/set_user?website_token=$T", { body: { identifier: { a: 1 } } }, 422],
  ["set_user not JSON", "PATCH", "/api/v1/widget/contact/set_user?website_token=$T", { body: "identifier=u", headers: { "content-type": "application/x-www-form-urlencoded" } }, 415],
  ["conversations without message", "POST", "/api/v1/widget/conversations?website_token=$T", { body: { contact: { name: "x" } } }, 422],
  ["conversations message a string", "POST", "/api/v1/widget/conversations?website_token=$T", { body: { message: "hi" } }, 422],
  ["conversations blank content", "POST", "/api/v1/widget/conversations?website_token=$T", { body: { message: { content: "  " } } }, 422],
  ["conversations huge content", "POST", "/api/v1/widget/conversations?website_token=$T", { body: { message: { content: HUGE } } }, 422],
  ["conversations NUL in contact name", "POST", "/api/v1/widget/conversations?website_token=$T", { body: { contact: { name: NUL }, message: { content: "hi" } } }, 422],
  ["messages array body", "POST", "/api/v1/widget/messages?website_token=$T", { body: [] }, 422],
  ["messages content a number", "POST", "/api/v1/widget/messages?website_token=$T", { body: { message: { content: 5 } } }, 422],
  ["messages NUL content", "POST", "/api/v1/widget/messages?website_token=$T", { body: { message: { content: NUL } } }, 422],
  ["messages huge content", "POST", "/api/v1/widget/messages?website_token=$T", { body: { message: { content: HUGE } } }, 422],
  ["messages reply_to out of range", "POST", "/api/v1/widget/messages?website_token=$T", { body: { message: { content: "hi", reply_to: 99999999999 } } }, 422],
  ["messages malformed JSON", "POST", "/api/v1/widget/messages?website_token=$T", json('{"message":'), 400],
  ["messages before not an id", "GET", "/api/v1/widget/messages?website_token=$T&before=abc", {}, 422],
  ["messages after out of range", "GET", "/api/v1/widget/messages?website_token=$T&after=99999999999", {}, 422],
  ["answer unknown message", "PUT", "/api/v1/widget/messages/999999?website_token=$T", { body: { contact: { email: "a@b.co" } } }, 404],
  ["answer id not a number", "PUT", "/api/v1/widget/messages/1e3?website_token=$T", { body: { contact: { email: "a@b.co" } } }, 404],
  ["answer empty body", "PATCH", "/api/v1/widget/messages/1?website_token=$T", { body: {} }, 422],
  ["typing malformed JSON", "POST", "/api/v1/widget/conversations/toggle_typing?website_token=$T", json("nope"), 400],
  ["typing without a conversation", "POST", "/api/v1/widget/conversations/toggle_typing?website_token=$T", { body: { typing_status: "on" } }, 404],
  ["toggle_status without a conversation", "GET", "/api/v1/widget/conversations/toggle_status?website_token=$T", {}, 404],
  ["stream unknown website_token", "GET", "/api/v1/widget/stream?website_token=nope", {}, 404],
];

describe.each(backends)("Widget API bad input (%s)", (backend) => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof buildClientWorld>>;
  let token: string;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
    installCoordinationStore(createMemoryStore());
    w = await buildClientWorld(t.db);
    const res = await widgetApi("POST", `/api/v1/widget/config?website_token=${w.widget.websiteToken}`);
    token = (res.body as { website_channel_config: { auth_token: string } }).website_channel_config.auth_token;
  });
  afterAll(async () => closeTestDatabase(t));
  beforeEach(() => installCoordinationStore(createMemoryStore()));

  it.each(cases)("%s → %i, nothing written", async (_name, method, path, call, status) => {
    const before = await rowCounts(t.db);
    const res = await widgetApi(method, path.replace("$T", w.widget.websiteToken), { ...call, token });
    expect(res.status).toBe(status);
    expect(res.body).toBeTypeOf("object");
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("W6 new conversations per IP: the 7th in 12 h is a 429 with Retry-After and writes no conversation", async () => {
    const q = `?website_token=${w.widget.websiteToken}`;
    const headers = peerHeaders("198.51.100.20");
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      const visitor = ((await widgetApi("POST", `/api/v1/widget/config${q}`, { headers: peerHeaders(`198.51.100.${100 + i}`) })).body as { website_channel_config: { auth_token: string } })
        .website_channel_config.auth_token;
      const before = await rowCounts(t.db);
      last = await widgetApi("POST", `/api/v1/widget/messages${q}`, { token: visitor, headers, body: { message: { content: `hello ${i}` } } });
      statuses.push(last.status);
      if (last.status === 429) expect(await rowCounts(t.db)).toEqual(before);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last!.body).toEqual({ error: "Too many conversations from this address" });
  });

  it("W6 messages per IP: the 61st in a minute is a 429, across conversations, on top of M2", async () => {
    const q = `?website_token=${w.widget.websiteToken}`;
    const headers = peerHeaders("198.51.100.30");
    const visitors: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await widgetApi("POST", `/api/v1/widget/config${q}`, { headers: peerHeaders(`198.51.100.${200 + i}`) });
      visitors.push((res.body as { website_channel_config: { auth_token: string } }).website_channel_config.auth_token);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      // 15 per conversation stays under M2's 20 per conversation per minute.
      const res = await widgetApi("POST", `/api/v1/widget/messages${q}`, { token: visitors[Math.floor(i / 15)], headers, body: { message: { content: `m${i}` } } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it("W6 contact changes per IP: the 61st config that creates a visitor in an hour is a 429", async () => {
    const q = `?website_token=${w.widget.websiteToken}`;
    const headers = peerHeaders("198.51.100.40");
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await widgetApi("POST", `/api/v1/widget/config${q}`, { headers })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses[60]).toBe(429);
  });
});
