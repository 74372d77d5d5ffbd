import { eq } from "drizzle-orm";
import { peerHeaders } from "@/lib/http/client-ip";
import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { installDatabase } from "@/db/client";
import { accountUsers, users } from "@/db/schema";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createAccount, createUser } from "@/test/support/fixtures";
import { authOptions } from "./options";

type Jwt = (params: { token: JWT; user?: { id: string } }) => Promise<JWT>;
type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;

describe.each(backends)("next-auth options (%s)", (backend) => {
  let db: TestDatabase;
  const options = () => authOptions();
  const jwt = (params: Parameters<Jwt>[0]) => (options().callbacks!.jwt as unknown as Jwt)(params);
  const authorize = (email: string, password: string, ip = "192.0.2.1") => {
    const provider = options().providers[0] as unknown as { options: { authorize: Authorize } };
    return provider.options.authorize({ email, password }, { headers: peerHeaders(ip) });
  };

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    installDatabase(db);
    installCoordinationStore(createMemoryStore());
  });
  afterAll(async () => {
    await closeTestDatabase(db);
  });

  it("uses /login, JWT sessions and the process's secret", () => {
    const o = options();
    expect(o.pages).toMatchObject({ signIn: "/login" });
    expect(o.session?.strategy).toBe("jwt");
    expect(o.secret).toEqual(expect.any(String));
  });

  it("authorize() returns the user, null for a wrong password, and a TooManyAttempts error when throttled", async () => {
    const account = await createAccount(db.db);
    const user = await createUser(db.db, { account });
    expect(await authorize(user.email, user.password)).toMatchObject({ id: String(user.id), email: user.email });
    for (let i = 0; i < 5; i++) expect(await authorize(user.email, "wrong", "192.0.2.50")).toBeNull();
    await expect(authorize(user.email, user.password, "192.0.2.50")).rejects.toThrow(/^TooManyAttempts:300$/);
  });

  it("the jwt callback carries the user's accounts, follows role changes and refuses a deleted user", async () => {
    const first = await createAccount(db.db, { name: "First" });
    const second = await createAccount(db.db, { name: "Second" });
    const user = await createUser(db.db, {
      memberships: [
        { account: first, role: "agent" },
        { account: second, role: "administrator" },
      ],
    });
    const token = await jwt({ token: {}, user: { id: String(user.id) } });
    expect(token).toMatchObject({
      sub: String(user.id),
      accountId: first.id,
      accounts: [
        { id: first.id, name: "First", role: "agent" },
        { id: second.id, name: "Second", role: "administrator" },
      ],
    });

    await db.db.delete(accountUsers).where(eq(accountUsers.accountId, first.id));
    expect(await jwt({ token })).toMatchObject({ accountId: second.id, accounts: [{ id: second.id, role: "administrator" }] });

    await db.db.delete(users).where(eq(users.id, user.id));
    await expect(jwt({ token })).rejects.toThrow();
  });

  it("keeps the token as it is when the database is unreachable", async () => {
    const token: JWT = { sub: "1", accounts: [], accountId: null };
    const down = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    installDatabase({
      ...db,
      db: {
        select: () => {
          throw down;
        },
      } as unknown as TestDatabase["db"],
    });
    const log = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      expect(await jwt({ token })).toBe(token);
    } finally {
      log.mockRestore();
      installDatabase(db);
    }
  });
});
