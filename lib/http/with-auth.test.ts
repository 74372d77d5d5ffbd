import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { openDatabase, installDatabase } from "@/db/client";
import type { Account } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createAccount, createUser, type TestUser } from "@/test/support/fixtures";
import { apiRequest, callRoute, TEST_ORIGIN } from "@/test/support/http";
import { JSON_BODY_LIMIT } from "./body";
import { withAccount, withUser } from "./with-auth";

const echo = withUser(async ({ body, user, via }) => Response.json({ body, userId: user.id, via }), {
  body: z.object({ name: z.string().min(1, "can't be blank"), age: z.number().int() }),
});
const listing = withUser(async ({ query }) => Response.json(query), {
  query: z.object({ page: z.coerce.number().int().min(1).default(1), labels: z.array(z.string()).optional() }),
});
const accountRoute = withAccount(async ({ account, membership, user }) => Response.json({ accountId: account.id, role: membership.role, userId: user.id }));
const adminRoute = withAccount(async ({ account }) => Response.json({ accountId: account.id }), { role: "administrator" });
const adminWrite = withAccount(async ({ body }) => Response.json(body), { role: "administrator", body: z.object({ name: z.string() }) });
const throwing = (err: unknown) =>
  withUser(async () => {
    throw err;
  });

describe.each(backends)("HTTP edge wrapper (%s)", (backend) => {
  let db: TestDatabase;
  let account: Account;
  let other: Account;
  let admin: TestUser;
  let agent: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    installDatabase(db);
    account = await createAccount(db.db, { name: "Acme" });
    other = await createAccount(db.db, { name: "Globex" });
    admin = await createUser(db.db, { account, role: "administrator" });
    agent = await createUser(db.db, { account, role: "agent" });
    await createUser(db.db, { account: other, role: "administrator" });
  });
  afterAll(async () => {
    await closeTestDatabase(db);
  });

  const json = async (res: Response) => ({ status: res.status, body: await res.json() });

  describe("authentication", () => {
    it("accepts the api_access_token header and the session cookie", async () => {
      const byToken = await json(await callRoute(echo, await apiRequest("/x", { method: "POST", token: agent.accessToken, body: { name: "a", age: 1 } })));
      expect(byToken).toEqual({ status: 200, body: { body: { name: "a", age: 1 }, userId: agent.id, via: "token" } });
      const byCookie = await json(await callRoute(echo, await apiRequest("/x", { method: "POST", sessionUserId: agent.id, body: { name: "a", age: 1 } })));
      expect(byCookie).toEqual({ status: 200, body: { body: { name: "a", age: 1 }, userId: agent.id, via: "session" } });
    });

    it("answers 401 with devise's body when there are no credentials", async () => {
      const res = await callRoute(accountRoute, await apiRequest(`/api/v1/accounts/${account.id}/x`), { accountId: String(account.id) });
      expect(await json(res)).toEqual({ status: 401, body: { errors: ["You need to sign in or sign up before continuing."] } });
    });

    it("answers 401 Invalid Access Token for an unknown token", async () => {
      const res = await callRoute(echo, await apiRequest("/x", { method: "POST", token: "not-a-token", body: { name: "a", age: 1 } }));
      expect(await json(res)).toEqual({ status: 401, body: { error: "Invalid Access Token" } });
    });

    it("refuses a forged or deleted user's session cookie", async () => {
      const forged = await callRoute(listing, await apiRequest("/x", { headers: { cookie: "next-auth.session-token=eyJhbGciOiJkaXIifQ.forged" } }));
      expect(forged.status).toBe(401);
      const res = await callRoute(listing, await apiRequest("/x", { sessionUserId: 987_654 }));
      expect(res.status).toBe(401);
    });
  });

  describe("Origin check for cookie-authenticated mutations (SPEC §12)", () => {
    it("refuses a mutation without Origin or from another origin", async () => {
      const none = await callRoute(echo, await apiRequest("/x", { method: "POST", sessionUserId: agent.id, origin: null, body: { name: "a", age: 1 } }));
      expect(await json(none)).toEqual({ status: 403, body: { error: "Cross-origin request refused" } });
      const foreign = await callRoute(echo, await apiRequest("/x", { method: "POST", sessionUserId: agent.id, origin: "https://evil.example", body: { name: "a", age: 1 } }));
      expect(foreign.status).toBe(403);
    });

    it("does not take X-Forwarded-Host from the client without a trusted proxy (TRUSTED_PROXY_HOPS=0)", async () => {
      const forged = await callRoute(
        echo,
        await apiRequest("/x", { method: "POST", sessionUserId: agent.id, origin: "https://evil.example", headers: { "x-forwarded-host": "evil.example" }, body: { name: "a", age: 1 } }),
      );
      expect(await json(forged)).toEqual({ status: 403, body: { error: "Cross-origin request refused" } });
    });

    it("accepts the same origin, reads without Origin, and token callers without Origin", async () => {
      const same = await callRoute(echo, await apiRequest("/x", { method: "POST", sessionUserId: agent.id, origin: TEST_ORIGIN, body: { name: "a", age: 1 } }));
      expect(same.status).toBe(200);
      const proxied = await callRoute(
        echo,
        await apiRequest("/x", { method: "POST", sessionUserId: agent.id, origin: "https://chat.example.com", headers: { host: "chat.example.com" }, body: { name: "a", age: 1 } }),
      );
      expect(proxied.status).toBe(200);
      const read = await callRoute(listing, await apiRequest("/x", { sessionUserId: agent.id, origin: null }));
      expect(read.status).toBe(200);
      const token = await callRoute(echo, await apiRequest("/x", { method: "POST", token: agent.accessToken, origin: null, body: { name: "a", age: 1 } }));
      expect(token.status).toBe(200);
    });
  });

  describe("authorisation (SPEC §8)", () => {
    it("lets a member in and tells a non-member the account does not exist", async () => {
      const mine = await callRoute(accountRoute, await apiRequest("/x", { token: agent.accessToken }), { accountId: String(account.id) });
      expect(await json(mine)).toEqual({ status: 200, body: { accountId: account.id, role: "agent", userId: agent.id } });
      const theirs = await callRoute(accountRoute, await apiRequest("/x", { token: agent.accessToken }), { accountId: String(other.id) });
      expect(await json(theirs)).toEqual({ status: 404, body: { error: "Resource could not be found" } });
      for (const bad of ["abc", "-1", "99999999999", "1.5"]) {
        const res = await callRoute(accountRoute, await apiRequest("/x", { token: agent.accessToken }), { accountId: bad });
        expect(res.status).toBe(404);
      }
    });

    it("refuses agents on administrator routes with 403, before reading the body", async () => {
      const res = await callRoute(adminRoute, await apiRequest("/x", { token: agent.accessToken }), { accountId: String(account.id) });
      expect(res.status).toBe(403);
      const write = await callRoute(adminWrite, await apiRequest("/x", { method: "POST", token: agent.accessToken, body: "{not json" }), { accountId: String(account.id) });
      expect(write.status).toBe(403);
      const ok = await callRoute(adminRoute, await apiRequest("/x", { token: admin.accessToken }), { accountId: String(account.id) });
      expect(await json(ok)).toEqual({ status: 200, body: { accountId: account.id } });
    });

    it("answers 404 for another account even on administrator routes", async () => {
      const res = await callRoute(adminRoute, await apiRequest("/x", { token: admin.accessToken }), { accountId: String(other.id) });
      expect(res.status).toBe(404);
    });
  });

  describe("input", () => {
    const post = async (body: unknown, headers: Record<string, string> = {}) => json(await callRoute(echo, await apiRequest("/x", { method: "POST", token: agent.accessToken, body, headers })));

    it("answers 400 with a clear message for malformed JSON", async () => {
      const res = await post('{"name": "a",');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/^Malformed JSON in request body/);
    });

    it("answers 413 for a body over 1 MB, declared or not", async () => {
      const big = JSON.stringify({ name: "x".repeat(JSON_BODY_LIMIT), age: 1 });
      expect((await post(big)).status).toBe(413);
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(big));
          c.close();
        },
      });
      const req = new Request(`${TEST_ORIGIN}/x`, {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: { api_access_token: agent.accessToken, "content-type": "application/json" },
      } as RequestInit);
      expect((await callRoute(echo, req)).status).toBe(413);
    });

    it("answers 415 for a body that says it is not JSON", async () => {
      expect((await post("name=a&age=1", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    });

    it("answers 422 with Chatwoot's body plus errors per field", async () => {
      const res = await post({ name: "", age: "x" });
      expect(res.status).toBe(422);
      expect(res.body.attributes).toEqual(["name", "age"]);
      expect(res.body.errors.name).toEqual(["can't be blank"]);
      expect(res.body.errors.age).toHaveLength(1);
      expect(res.body.message).toMatch(/^Name can't be blank, Age /);
    });

    it("treats a missing body as {} and parses the query string", async () => {
      expect((await post(undefined)).status).toBe(422);
      const res = await callRoute(listing, await apiRequest("/x?page=2&labels[]=a&labels[]=b", { token: agent.accessToken }));
      expect(await json(res)).toEqual({ status: 200, body: { page: 2, labels: ["a", "b"] } });
      const bad = await callRoute(listing, await apiRequest("/x?page=0", { token: agent.accessToken }));
      expect(bad.status).toBe(422);
    });
  });

  describe("errors", () => {
    const call = async (err: unknown) => callRoute(throwing(err), await apiRequest("/x", { token: agent.accessToken }));

    it("maps AppError to its status, with Retry-After on 429", async () => {
      const res = await call(new AppError("rate_limited", "Too many messages", { retryAfterSeconds: 42 }));
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("42");
      expect(await res.json()).toEqual({ error: "Too many messages" });
      expect((await call(new AppError("conflict", "Already assigned"))).status).toBe(409);
      expect(await (await call(AppError.notFound())).json()).toEqual({ error: "Resource could not be found" });
    });

    it("answers 500 with a generic body and logs the error", async () => {
      const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
      const res = await call(new Error("secret internals"));
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain("secret internals");
      expect(JSON.parse(text)).toEqual({ error: "Internal server error" });
      expect(log).toHaveBeenCalledTimes(1);
      log.mockRestore();
    });

    it("answers 503 for a database connection error", async () => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const res = await call(Object.assign(new Error("Failed query"), { cause: Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }) }));
      expect(await json(res)).toEqual({ status: 503, body: { error: "Service unavailable" } });
      warn.mockRestore();
    });
  });
});

describe("HTTP edge wrapper with the database unreachable", () => {
  it("answers 503, not 500", async () => {
    const down = await openDatabase({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/parley_down", DATA_DIR: ".data", DATABASE_POOL_MAX: 1 });
    installDatabase(down);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const res = await callRoute(echo, await apiRequest("/x", { method: "POST", token: "whatever", body: { name: "a", age: 1 } }));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: "Service unavailable" });
    } finally {
      warn.mockRestore();
      await down.close();
    }
  });
});
