import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signWidgetToken, verifyWidgetToken, WIDGET_TOKEN_TTL_S } from "./widget-token";

const secret = "test-secret-for-widget-tokens-0123456789";
const now = new Date("2026-01-01T00:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);

describe("widget token (W3)", () => {
  it("carries {source_id, inbox_id} and verifies until 180 days have passed", async () => {
    const token = await signWidgetToken({ source_id: "abc", inbox_id: 7 }, { now, secret });
    const [, payload] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    expect(claims).toEqual({ source_id: "abc", inbox_id: 7, iat: now.getTime() / 1000, exp: now.getTime() / 1000 + WIDGET_TOKEN_TTL_S });
    expect(WIDGET_TOKEN_TTL_S).toBe(180 * 86_400);
    expect(await verifyWidgetToken(token, { now: later(WIDGET_TOKEN_TTL_S - 60), secret })).toEqual({ source_id: "abc", inbox_id: 7 });
    expect(await verifyWidgetToken(token, { now: later(WIDGET_TOKEN_TTL_S + 60), secret })).toBeNull();
  });

  it("refuses another key, the raw auth secret as key, alg none, tampering, wrong claim types and garbage", async () => {
    const token = await signWidgetToken({ source_id: "abc", inbox_id: 7 }, { now, secret });
    expect(await verifyWidgetToken(token, { now, secret: "another-secret" })).toBeNull();
    // Signed with the auth secret itself (not the derived key): refused, so a key leak in one use does not carry over.
    const raw = await new SignJWT({ source_id: "abc", inbox_id: 7 }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("1d").sign(new TextEncoder().encode(secret));
    expect(await verifyWidgetToken(raw, { secret })).toBeNull();
    const none = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${Buffer.from(JSON.stringify({ source_id: "abc", inbox_id: 7 })).toString("base64url")}.`;
    expect(await verifyWidgetToken(none, { secret })).toBeNull();
    const [h, , s] = token.split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ source_id: "other", inbox_id: 7, exp: 9e9 })).toString("base64url")}.${s}`;
    expect(await verifyWidgetToken(forged, { now, secret })).toBeNull();
    const key = await import("node:crypto").then((c) => new Uint8Array(c.createHmac("sha256", secret).update("parley:widget-token:v1").digest()));
    const badTypes = await new SignJWT({ source_id: 5, inbox_id: "7" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("1d").sign(key);
    expect(await verifyWidgetToken(badTypes, { secret })).toBeNull();
    for (const junk of [null, undefined, "", "a.b.c", "x".repeat(5000)]) expect(await verifyWidgetToken(junk, { secret })).toBeNull();
  });
});
