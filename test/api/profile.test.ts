import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, PUT } from "@/app/api/v1/profile/route";
import { installDatabase } from "@/db/client";
import { eq } from "drizzle-orm";
import { users, type Account } from "@/db/schema";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createAccount, createUser, type TestUser } from "@/test/support/fixtures";
import { apiRequest, callRoute, sessionCookie } from "@/test/support/http";

describe.each(backends)("/api/v1/profile (%s)", (backend) => {
  let db: TestDatabase;
  let acme: Account;
  let globex: Account;
  let user: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    installDatabase(db);
    acme = await createAccount(db.db, { name: "Acme" });
    globex = await createAccount(db.db, { name: "Globex" });
    user = await createUser(db.db, {
      name: "Sam Rivera",
      email: "sam@example.test",
      memberships: [
        { account: acme, role: "administrator", availability: "busy" },
        { account: globex, role: "agent", autoOffline: false },
      ],
    });
  });
  afterAll(async () => {
    await closeTestDatabase(db);
  });

  const put = async (body: unknown) => callRoute(PUT, await apiRequest("/api/v1/profile", { method: "PUT", token: user.accessToken, body }));
  const canSignIn = async (password: string) => (await authenticateWithPassword({ db: db.db, store: createMemoryStore() }, { email: user.email, password, ip: "203.0.113.9" })).ok;

  it("GET returns Chatwoot's user shape with the access token and every account", async () => {
    const res = await callRoute(GET, await apiRequest("/api/v1/profile", { sessionUserId: user.id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      access_token: user.accessToken,
      account_id: acme.id,
      available_name: "Sam Rivera",
      avatar_url: "",
      confirmed: true,
      display_name: null,
      message_signature: null,
      email: "sam@example.test",
      id: user.id,
      inviter_id: null,
      name: "Sam Rivera",
      provider: "email",
      pubsub_token: user.pubsubToken,
      role: "administrator",
      ui_settings: {},
      uid: "sam@example.test",
      type: null,
      accounts: [
        { id: acme.id, name: "Acme", status: "active", active_at: null, role: "administrator", permissions: ["administrator"], availability: "busy", availability_status: "busy", auto_offline: true },
        { id: globex.id, name: "Globex", status: "active", active_at: null, role: "agent", permissions: ["agent"], availability: "online", availability_status: "online", auto_offline: false },
      ],
    });
  });

  it("GET without credentials is 401", async () => {
    expect((await callRoute(GET, await apiRequest("/api/v1/profile"))).status).toBe(401);
  });

  it("PUT updates name and display name, at the top level or under `profile`", async () => {
    const res = await put({ name: "Samantha Rivera", display_name: "Sam" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "Samantha Rivera", display_name: "Sam", available_name: "Sam" });
    const nested = await put({ profile: { display_name: "" } });
    expect(await nested.json()).toMatchObject({ name: "Samantha Rivera", display_name: null, available_name: "Samantha Rivera" });
    const blank = await put({ name: "  " });
    expect(blank.status).toBe(422);
    expect(await blank.json()).toMatchObject({ attributes: ["name"], errors: { name: ["can't be blank"] } });
  });

  it("PUT changes the password only with the right current password", async () => {
    const wrong = await put({ current_password: "not-it", password: "new-password-1", password_confirmation: "new-password-1" });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ attributes: ["current_password"], errors: { current_password: ["is invalid"] } });
    expect(await canSignIn("new-password-1")).toBe(false);

    const missing = await put({ password: "new-password-1", password_confirmation: "new-password-1" });
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors).toEqual({ current_password: ["can't be blank"] });

    const short = await put({ current_password: user.password, password: "short", password_confirmation: "different" });
    expect(short.status).toBe(422);
    expect(Object.keys((await short.json()).errors).sort()).toEqual(["password", "password_confirmation"]);

    const ok = await put({ current_password: user.password, password: "new-password-1", password_confirmation: "new-password-1" });
    expect(ok.status).toBe(200);
    expect(await canSignIn("new-password-1")).toBe(true);
    expect(await canSignIn(user.password)).toBe(false);
  });

  it("PUT with a session cookie needs this site's Origin", async () => {
    // The password changes above moved the session version on: a cookie of the current one.
    const [{ sessionVersion } = { sessionVersion: 0 }] = await db.db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, user.id));
    const cookie = await sessionCookie(user.id, { sessionVersion });
    const req = await apiRequest("/api/v1/profile", { method: "PUT", origin: "https://evil.example", headers: { cookie }, body: { name: "Mallory" } });
    expect((await callRoute(PUT, req)).status).toBe(403);
  });
});
