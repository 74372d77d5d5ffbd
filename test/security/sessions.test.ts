import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as profileGet, PUT as profilePut } from "@/app/api/v1/profile/route";
import { POST as resetToken } from "@/app/api/v1/profile/reset_access_token/route";
import { GET as operatorStream } from "@/app/api/v1/stream/route";
import { installDatabase } from "@/db/client";
import { accountUsers, inboxMembers, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { appendEvent } from "@/lib/realtime/append-event";
import { setStreamRefreshMs } from "@/lib/realtime/event-stream";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { kickRealtime, installRealtimeHub } from "@/lib/realtime/process-hub";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { buildApiWorld } from "@/test/app-api/support";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { DEFAULT_PASSWORD } from "@/test/support/fixtures";
import { apiRequest, callRoute, sessionCookie, TEST_ORIGIN } from "@/test/support/http";
import { waitFor } from "@/test/support/realtime";

/**
 * Issue #13 §5: a password change or a token rotation ends every other session of the user and their
 * open streams (within the 60 s audience refresh, shortened here); the session that made the change
 * carries on. Removal from an inbox or from the account reaches open streams the same way.
 */
describe("sessions and streams after a password change or token rotation (#13 §5)", () => {
  let t: TestDatabase;
  let hub: Hub;
  let w: Awaited<ReturnType<typeof buildApiWorld>>;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    installDatabase(t);
    const store = createMemoryStore();
    installCoordinationStore(store);
    hub = createHub({ db: t.db, store, pollMs: 60_000, log: { warn: () => undefined, error: () => undefined } });
    installRealtimeHub(hub);
    setStreamRefreshMs(100);
  });
  afterAll(async () => {
    setStreamRefreshMs(undefined);
    installRealtimeHub(undefined);
    await hub.close();
    await closeTestDatabase(t);
  });
  beforeEach(async () => {
    w = await buildApiWorld(t.db);
    await t.db
      .update(users)
      .set({ passwordHash: await hashPassword(DEFAULT_PASSWORD) })
      .where(eq(users.id, w.agent.id));
  });

  const withCookie = (cookie: string, init: { method?: string; body?: unknown } = {}) =>
    new Request(new URL("/api/v1/profile", TEST_ORIGIN), {
      method: init.method ?? "GET",
      headers: { cookie, ...(init.body !== undefined && { "content-type": "application/json", origin: TEST_ORIGIN }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const cookieFrom = (res: Response) => res.headers.get("set-cookie")!.split(";", 1)[0]!;

  /** Opens the operator stream; `ended` settles when the server ends it, `text()` is what arrived. */
  async function openStream(headers: Record<string, string>) {
    const abort = new AbortController();
    const res = await operatorStream(new Request(new URL("/api/v1/stream", TEST_ORIGIN), { headers, signal: abort.signal }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    let text = "";
    let done = false;
    const reader = res.body!.getReader();
    const ended = (async () => {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        text += new TextDecoder().decode(value);
      }
      done = true;
    })();
    await waitFor("the stream to be live", () => text.includes("event: ready"));
    return { ended, isDone: () => done, text: () => text, close: () => abort.abort() };
  }

  it("a password change ends the other cookie sessions and keeps the one that changed it", async () => {
    const mine = await sessionCookie(w.agent.id);
    const laptop = await sessionCookie(w.agent.id);
    const changed = await callRoute(
      profilePut,
      withCookie(mine, { method: "PUT", body: { profile: { current_password: DEFAULT_PASSWORD, password: "a-new-password-1", password_confirmation: "a-new-password-1" } } }),
    );
    expect(changed.status).toBe(200);
    const renewed = cookieFrom(changed);
    expect((await callRoute(profileGet, withCookie(laptop))).status).toBe(401);
    expect((await callRoute(profileGet, withCookie(renewed))).status).toBe(200);
  });

  it("a wrong current password is a 422 naming the field and ends nothing", async () => {
    const cookie = await sessionCookie(w.agent.id);
    const res = await callRoute(
      profilePut,
      withCookie(cookie, { method: "PUT", body: { profile: { current_password: "not-it", password: "a-new-password-1", password_confirmation: "a-new-password-1" } } }),
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ attributes: ["current_password"] });
    expect((await callRoute(profileGet, withCookie(cookie))).status).toBe(200);
  });

  it("POST /api/v1/profile/reset_access_token rotates the token; the old one and the cookie sessions stop working", async () => {
    const cookie = await sessionCookie(w.agent.id);
    const res = await callRoute(resetToken, await apiRequest("/api/v1/profile/reset_access_token", { method: "POST", token: w.agent.accessToken }));
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    expect(access_token).not.toBe(w.agent.accessToken);
    expect((await callRoute(profileGet, await apiRequest("/api/v1/profile", { token: w.agent.accessToken }))).status).toBe(401);
    expect((await callRoute(profileGet, await apiRequest("/api/v1/profile", { token: access_token }))).status).toBe(200);
    expect((await callRoute(profileGet, withCookie(cookie))).status).toBe(401);
  });

  it("closes a stream opened with a token once the token is rotated, and one opened with a cookie once the password changes", async () => {
    const other = await openStream({ api_access_token: w.admin.accessToken });
    const byToken = await openStream({ api_access_token: w.agent.accessToken });
    const rotated = await callRoute(resetToken, await apiRequest("/api/v1/profile/reset_access_token", { method: "POST", token: w.agent.accessToken }));
    const { access_token } = (await rotated.json()) as { access_token: string };
    await byToken.ended;

    const byCookie = await openStream({ cookie: await sessionCookie(w.agent.id, { sessionVersion: 1 }) });
    const change = { profile: { current_password: DEFAULT_PASSWORD, password: "a-new-password-2", password_confirmation: "a-new-password-2" } };
    expect((await callRoute(profilePut, await apiRequest("/api/v1/profile", { method: "PUT", token: access_token, body: change }))).status).toBe(200);
    await byCookie.ended;
    // Someone else's stream is not touched.
    expect(other.isDone()).toBe(false);
    other.close();
  });

  it("an agent removed from the account has their stream ended (inbox removal: lib/realtime/event-stream.test.ts)", async () => {
    const stream = await openStream({ api_access_token: w.agent.accessToken });
    await t.db.delete(inboxMembers).where(and(eq(inboxMembers.userId, w.agent.id), eq(inboxMembers.accountId, w.account.id)));
    await t.db.delete(accountUsers).where(and(eq(accountUsers.userId, w.agent.id), eq(accountUsers.accountId, w.account.id)));
    await stream.ended;
    // Nothing of the account arrived after the removal was committed.
    await appendEvent(t.db, { accountId: w.account.id, type: "conversation.updated", inboxId: w.inbox.id, payload: { probe: "after-removal" } });
    await kickRealtime();
    expect(stream.text()).not.toContain("after-removal");
  });
});
