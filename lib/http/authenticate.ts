import { eq, getTableColumns } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type User } from "@/db/schema";
import { authSecret } from "@/lib/auth/secret";
import { parseCookieHeader, readSessionToken, tokenSessionVersion, tokenUserId } from "@/lib/auth/session-token";
import { AppError } from "@/lib/errors";
import { cachedLookup, type LookupCache } from "@/lib/realtime/lookup-cache";
import { trustForwardedHeaders } from "./client-ip";
import { SIGN_IN_REQUIRED } from "./respond";

/** The caller as handlers see it: the users row without its password hash. */
const { passwordHash: _omit, ...publicColumns } = getTableColumns(users);
export type AuthUser = Omit<User, "passwordHash">;
export type AuthMethod = "session" | "token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who is calling (SPEC §8): the `api_access_token` header (Chatwoot's per-user token; Rails also reads
 * it as `api-access-token`) or the next-auth session cookie. A token that matches nobody is 401
 * "Invalid Access Token"; no credentials at all is devise's 401. Either way the user comes from the
 * database or from the instance's lookup cache, which every change to the users row invalidates
 * through the event stream (E8), so a deleted user's cookie or a rotated token stops working on every
 * instance within one event. `cache` is the process's (tests pass one per simulated instance).
 */
export async function authenticate(req: Request, db: Db, cache?: LookupCache): Promise<{ user: AuthUser; via: AuthMethod }> {
  const accessToken = req.headers.get("api_access_token") ?? req.headers.get("api-access-token");
  if (accessToken !== null) {
    const user = accessToken ? await cachedLookup("user", `t:${accessToken}`, userTags, () => findUser(db, eq(users.accessToken, accessToken)), cache) : undefined;
    if (!user) throw new AppError("unauthorized", "Invalid Access Token");
    return { user, via: "token" };
  }
  const token = await readSessionToken(parseCookieHeader(req.headers.get("cookie")), authSecret());
  const userId = tokenUserId(token);
  const user = userId === null ? undefined : await cachedLookup("user", `s:${userId}`, userTags, () => findUser(db, eq(users.id, userId)), cache);
  // A cookie from before a password change or token rotation has ended (issue #13 §5).
  if (!user || user.sessionVersion !== tokenSessionVersion(token)) throw new AppError("unauthorized", SIGN_IN_REQUIRED);
  assertSameOrigin(req);
  return { user, via: "session" };
}

/**
 * A browser sends cookies with cross-site requests too, so a cookie-authenticated mutation must come
 * from a page of this host (SPEC §12). Token callers are not browsers riding on ambient credentials.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const origin = req.headers.get("origin");
  let originHost: string | undefined;
  try {
    originHost = origin && origin !== "null" ? new URL(origin).host : undefined;
  } catch {
    originHost = undefined;
  }
  if (!originHost || originHost.toLowerCase() !== requestHost(req).toLowerCase()) {
    throw new AppError("forbidden", "Cross-origin request refused");
  }
}

/**
 * The host the client addressed: the Host header (`req.url` carries the address the server listens
 * on, which a browser may not use). X-Forwarded-Host only counts behind a proxy of our own
 * (TRUSTED_PROXY_HOPS > 0): Next fills it from Host but keeps a value the client sent itself.
 */
export function requestHost(req: Request): string {
  const forwarded = trustForwardedHeaders() ? req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || req.headers.get("host") || new URL(req.url).host;
}

const userTags = (u: AuthUser) => [`user:${u.id}`];

async function findUser(db: Db, where: ReturnType<typeof eq>): Promise<AuthUser | undefined> {
  const [user] = await db.select(publicColumns).from(users).where(where).limit(1);
  return user;
}
