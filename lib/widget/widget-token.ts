import { createHmac } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { authSecret } from "@/lib/auth/secret";

/** W3: a widget token lives 180 days (Chatwoot's WIDGET_TOKEN_EXPIRY default). */
export const WIDGET_TOKEN_TTL_S = 180 * 24 * 60 * 60;

export type WidgetClaims = { source_id: string; inbox_id: number };

/**
 * The key is derived from the auth secret rather than being the secret itself, so a widget token can
 * never be replayed as (or confused with) a session and the two uses cannot leak into each other.
 */
function key(secret: string): Uint8Array {
  return new Uint8Array(createHmac("sha256", secret).update("parley:widget-token:v1").digest());
}

/** W3: `{source_id, inbox_id}` signed HS256, with iat and a 180-day exp. */
export async function signWidgetToken(claims: WidgetClaims, { now = new Date(), secret = authSecret() }: { now?: Date; secret?: string } = {}): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ source_id: claims.source_id, inbox_id: claims.inbox_id })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + WIDGET_TOKEN_TTL_S)
    .sign(key(secret));
}

/**
 * The claims of a valid, unexpired token; null for anything else (malformed, wrong signature or
 * algorithm, expired, wrong claim types) — the caller answers all of those alike, as Chatwoot does.
 */
export async function verifyWidgetToken(token: string | null | undefined, { now = new Date(), secret = authSecret() }: { now?: Date; secret?: string } = {}): Promise<WidgetClaims | null> {
  if (!token || token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ["HS256"], currentDate: now });
    const { source_id, inbox_id } = payload as Record<string, unknown>;
    if (typeof source_id !== "string" || source_id === "" || typeof inbox_id !== "number" || !Number.isSafeInteger(inbox_id)) return null;
    return { source_id, inbox_id };
  } catch {
    return null;
  }
}
