import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Account } from "@/db/schema";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { CoordinationStore } from "@/lib/redis/port";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createAccount, createUser, type TestUser } from "@/test/support/fixtures";
import { authenticateWithPassword, type PasswordVerifier } from "./credentials";
import { LOGIN_LIMITS } from "./login-throttle";
import { dummyPasswordHash, verifyPassword } from "./password";

describe.each(backends)("credentials sign-in (%s)", (backend) => {
  let db: TestDatabase;
  let account: Account;
  let user: TestUser;
  let store: CoordinationStore;
  let ipSeq = 0;
  const freshIp = () => `198.51.100.${++ipSeq}`;
  const login = (input: { email: string; password: string; ip?: string }, verify?: PasswordVerifier) => authenticateWithPassword({ db: db.db, store, verify }, { ip: input.ip ?? freshIp(), ...input });

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    account = await createAccount(db.db);
    user = await createUser(db.db, { account, email: "Sam.Rivera@Example.test", password: "right-password" });
  });
  afterAll(async () => {
    await closeTestDatabase(db);
  });
  beforeEach(() => {
    store = createMemoryStore();
  });

  it("signs in with the right password and refuses a wrong one", async () => {
    const ok = await login({ email: user.email, password: "right-password" });
    expect(ok.ok && ok.user.id).toBe(user.id);
    expect(await login({ email: user.email, password: "wrong-password" })).toEqual({ ok: false, reason: "invalid" });
    expect(await login({ email: user.email, password: "" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("matches the email case-insensitively and ignores surrounding spaces", async () => {
    const ok = await login({ email: "  sam.rivera@EXAMPLE.TEST ", password: "right-password" });
    expect(ok.ok && ok.user.id).toBe(user.id);
  });

  it("refuses the 6th attempt from one IP within 5 minutes, even with the right password", async () => {
    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMITS.ip.limit; i++) {
      expect(await login({ ip, email: `nobody${i}@example.test`, password: "guess" })).toEqual({ ok: false, reason: "invalid" });
    }
    const sixth = await login({ ip, email: user.email, password: "right-password" });
    expect(sixth.ok).toBe(false);
    expect(!sixth.ok && sixth.reason).toBe("throttled");
    const retry = !sixth.ok && sixth.reason === "throttled" ? sixth.retryAfterSeconds : 0;
    expect(retry).toBe(300);
    // Another IP is not affected.
    expect((await login({ email: user.email, password: "right-password" })).ok).toBe(true);
  });

  it("counts failures only: an office behind one IP can sign in as often as it needs", async () => {
    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMITS.ip.limit * 3; i++) {
      expect((await login({ ip, email: user.email, password: "right-password" })).ok).toBe(true);
    }
    for (let i = 0; i < LOGIN_LIMITS.ip.limit; i++) expect((await login({ ip, email: user.email, password: "guess" })).ok).toBe(false);
    expect(await login({ ip, email: user.email, password: "right-password" })).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("lets no more than the limit through when guesses arrive in parallel", async () => {
    const ip = freshIp();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login({ ip, email: `spray${i}@example.test`, password: "guess" })));
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(LOGIN_LIMITS.ip.limit);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(20 - checked);
    // Refused attempts are taken back: once the burst is over, the IP has its remaining tries.
    for (let i = checked; i < LOGIN_LIMITS.ip.limit; i++) expect(await login({ ip, email: "late@example.test", password: "guess" })).toMatchObject({ reason: "invalid" });
    expect(await login({ ip, email: user.email, password: "right-password" })).toMatchObject({ reason: "throttled" });
  });

  it("past 10 failures on one email, an address that failed for it is refused; the owner's clean address signs in", async () => {
    // Failures spread over many addresses (each under its own limit) make the email hot.
    for (let i = 0; i < LOGIN_LIMITS.email.limit; i++) {
      expect((await login({ email: user.email, password: "guess" })).ok).toBe(false);
    }
    // An attacker's address that has failed for this email is slowed down, even with the right password.
    const attacker = freshIp();
    expect((await login({ ip: attacker, email: user.email, password: "guess" })).ok).toBe(false);
    expect(await login({ ip: attacker, email: user.email.toUpperCase(), password: "right-password" })).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 900 });
    // The owner, from an address with no failures, is not locked out of their own account.
    expect((await login({ ip: freshIp(), email: user.email, password: "right-password" })).ok).toBe(true);
    // A fresh address gets one guess at the hot email, then it is slowed down too.
    const spread = freshIp();
    expect(await login({ ip: spread, email: user.email, password: "guess" })).toEqual({ ok: false, reason: "invalid" });
    expect(await login({ ip: spread, email: user.email, password: "guess" })).toMatchObject({ reason: "throttled" });
  });

  it("runs exactly one password verification whether or not the email exists, and none when throttled", async () => {
    const verify = vi.fn<PasswordVerifier>(verifyPassword);
    await login({ email: "nobody@example.test", password: "guess" }, verify);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenLastCalledWith(await dummyPasswordHash(), "guess");

    await login({ email: user.email, password: "guess" }, verify);
    expect(verify).toHaveBeenCalledTimes(2);
    expect(verify).toHaveBeenLastCalledWith(user.passwordHash, "guess");

    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMITS.ip.limit; i++) await login({ ip, email: "x@example.test", password: "guess" });
    verify.mockClear();
    expect((await login({ ip, email: user.email, password: "right-password" }, verify)).ok).toBe(false);
    expect(verify).not.toHaveBeenCalled();
  });

  it("keeps sign-in possible when the coordination store is down", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const unreachable = () => Promise.reject(new Error("redis unreachable"));
    store = { ...createMemoryStore(), windowRecord: unreachable, windowCounts: unreachable };
    expect((await login({ email: user.email, password: "right-password" })).ok).toBe(true);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
