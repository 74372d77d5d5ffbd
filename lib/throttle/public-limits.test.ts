import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { CoordinationStore } from "@/lib/redis/port";
import { openStore, storeKinds, type OpenStore } from "@/test/support/stores";
import { assertWithinPublicLimit, publicLimits, type PublicAction, type PublicLimit } from "./public-limits";

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe("W6 defaults", () => {
  it("6 new conversations per 12 h, 60 contact changes per hour, 60 messages per minute; configurable", () => {
    expect(publicLimits({ PUBLIC_CONVERSATIONS_PER_IP_12H: 6, PUBLIC_CONTACT_UPDATES_PER_IP_HOUR: 60, PUBLIC_MESSAGES_PER_IP_MINUTE: 60 })).toEqual({
      conversation: { limit: 6, windowMs: 12 * 3_600_000 },
      contact: { limit: 60, windowMs: 3_600_000 },
      message: { limit: 60, windowMs: 60_000 },
    });
    expect(publicLimits({ PUBLIC_CONVERSATIONS_PER_IP_12H: 2, PUBLIC_CONTACT_UPDATES_PER_IP_HOUR: 3, PUBLIC_MESSAGES_PER_IP_MINUTE: 4 }).message.limit).toBe(4);
  });
});

describe.each(storeKinds)("W6 per-IP limits (store: %s)", (kind) => {
  let opened: OpenStore;
  let store: CoordinationStore;
  let ipSeq = 0;
  const ip = () => `198.51.100.${++ipSeq}`;
  const limits = publicLimits({ PUBLIC_CONVERSATIONS_PER_IP_12H: 6, PUBLIC_CONTACT_UPDATES_PER_IP_HOUR: 60, PUBLIC_MESSAGES_PER_IP_MINUTE: 60 });

  beforeAll(async () => {
    opened = await openStore(kind);
    store = opened.store;
  });
  afterAll(async () => {
    await opened.cleanup();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const hit = (action: PublicAction, from: string, l: Record<PublicAction, PublicLimit> = limits) => rejection(assertWithinPublicLimit(store, { action, ip: from, limits: l }));

  it.each([
    ["conversation", 6],
    ["contact", 60],
    ["message", 60],
  ] as const)("%s: %i allowed per IP, the next is a 429 with Retry-After; another IP is unaffected", async (action, limit) => {
    const a = ip();
    for (let i = 0; i < limit; i++) expect(await hit(action, a)).toBeNull();
    const refused = await hit(action, a);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "rate_limited", status: 429 });
    expect(refused!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused!.retryAfterSeconds).toBeLessThanOrEqual(limits[action].windowMs / 1000);
    expect(await hit(action, ip())).toBeNull();
  });

  it("kinds are counted separately for the same IP", async () => {
    const a = ip();
    for (let i = 0; i < 6; i++) await hit("conversation", a);
    expect(await hit("conversation", a)).not.toBeNull();
    expect(await hit("message", a)).toBeNull();
    expect(await hit("contact", a)).toBeNull();
  });

  it("allows again once the window has passed (controlled clock)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-02T10:00:00Z"));
    const small = { ...limits, message: { limit: 2, windowMs: 60_000 } };
    const a = ip();
    expect(await hit("message", a, small)).toBeNull();
    expect(await hit("message", a, small)).toBeNull();
    const refused = await hit("message", a, small);
    expect(refused).not.toBeNull();
    vi.setSystemTime(Date.now() + refused!.retryAfterSeconds! * 1000 + 60_000);
    expect(await hit("message", a, small)).toBeNull();
  });
});

describe("W6 with the store down (R2)", () => {
  it("lets the request through rather than refusing visitors", async () => {
    const down = new Proxy({} as CoordinationStore, { get: () => async () => Promise.reject(new Error("redis down")) });
    await expect(assertWithinPublicLimit(down, { action: "message", ip: "203.0.113.1" })).resolves.toBeUndefined();
  });
});
