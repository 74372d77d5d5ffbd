import { decode, type JWT } from "next-auth/jwt";

export type CookieEntry = { name: string; value: string };

// next-auth 4's session cookie names. It picks the __Secure- one when its URL is https; that prefix can
// only be set over https, so when present it is the one to trust, and the plain one otherwise.
const SECURE_SESSION_COOKIE = "__Secure-next-auth.session-token";
const SESSION_COOKIE = "next-auth.session-token";

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
