import { decode, encode, type JWT } from "next-auth/jwt";

export type CookieEntry = { name: string; value: string };

// next-auth 4's session cookie names. It picks the __Secure- one when its URL is https; that prefix can
// only be set over https, so when present it is the one to trust, and the plain one otherwise.
const SECURE_SESSION_COOKIE = "__Secure-next-auth.session-token";
const SESSION_COOKIE = "next-auth.session-token";

/** How long a session lasts (next-auth's `session.maxAge`). */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

export type SessionCookie = { name: string; value: string; options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; maxAge: number } };

/**
 * The caller's own session cookie re-issued at `sessionVersion`: after a password change or token
 * rotation every other session ends, while the one that made the change carries on (issue #13 §5).
 * Null when the request carries no valid session.
 */
export async function renewedSessionCookie(cookies: Iterable<CookieEntry>, secret: string, sessionVersion: number): Promise<SessionCookie | null> {
  const list = [...cookies];
  const name = joinChunks(list, SECURE_SESSION_COOKIE) ? SECURE_SESSION_COOKIE : joinChunks(list, SESSION_COOKIE) ? SESSION_COOKIE : null;
  const token = name ? await readSessionToken(list, secret) : null;
  if (!name || !token) return null;
  const value = await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge: SESSION_MAX_AGE_S });
  return { name, value, options: { httpOnly: true, sameSite: "lax", path: "/", secure: name === SECURE_SESSION_COOKIE, maxAge: SESSION_MAX_AGE_S } };
}

/** A SessionCookie as a Set-Cookie header value (route handlers). */
export function setCookieHeader({ name, value, options }: SessionCookie): string {
  return `${name}=${value}; Path=${options.path}; Max-Age=${options.maxAge}; HttpOnly; SameSite=Lax${options.secure ? "; Secure" : ""}`;
}

/** Every session cookie name (including next-auth's chunks `.0`, `.1` …), for clearing a stale session. */
export function isSessionCookie(name: string): boolean {
  return [SECURE_SESSION_COOKIE, SESSION_COOKIE].some((base) => name === base || new RegExp(`^${escape(base)}\\.\\d+$`).test(name));
}

/** The decoded next-auth JWT carried by the request's cookies, or null (absent, forged, expired). */
export async function readSessionToken(cookies: Iterable<CookieEntry>, secret: string): Promise<JWT | null> {
  const list = [...cookies];
  const raw = joinChunks(list, SECURE_SESSION_COOKIE) ?? joinChunks(list, SESSION_COOKIE);
  if (!raw) return null;
  try {
    return await decode({ token: raw, secret });
  } catch {
    return null;
  }
}

/**
 * The session version a token was issued at (issue #13 §5): a token from before the user changed their
 * password or rotated their access token carries an older one and is refused. Tokens issued before
 * versions existed carry none, which counts as the first version.
 */
export function tokenSessionVersion(token: JWT | null): number {
  const v = token?.sv ?? 0;
  return Number.isSafeInteger(v) ? v : -1;
}

/** The signed-in user's id from a session token, or null. */
export function tokenUserId(token: JWT | null): number | null {
  const id = Number(token?.sub);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** Cookies from a raw `Cookie` header (route handlers invoked with a plain Request). */
export function parseCookieHeader(header: string | null): CookieEntry[] {
  if (!header) return [];
  return header.split(";").flatMap((part) => {
    const i = part.indexOf("=");
    if (i <= 0) return [];
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    try {
      return [{ name, value: decodeURIComponent(value) }];
    } catch {
      return [{ name, value }];
    }
  });
}

function joinChunks(cookies: CookieEntry[], base: string): string | undefined {
  const whole = cookies.find((c) => c.name === base);
  if (whole) return whole.value || undefined;
  const chunks = cookies
    .map((c) => ({ c, m: new RegExp(`^${escape(base)}\\.(\\d+)$`).exec(c.name) }))
    .filter((x) => x.m)
    .sort((a, b) => Number(a.m![1]) - Number(b.m![1]));
  return chunks.length ? chunks.map((x) => x.c.value).join("") : undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
