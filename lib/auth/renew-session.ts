import { cookies } from "next/headers";
import { authSecret } from "./secret";
import { parseCookieHeader, renewedSessionCookie, setCookieHeader } from "./session-token";

/**
 * After a password change or token rotation (issue #13 §5) every session issued before has ended; the
 * one that made the change is re-issued at the new version so its user stays signed in.
 */

/** Route handlers: adds the renewed cookie to the response when the request came with a session. */
export async function renewSessionOnResponse(req: Request, res: Response, sessionVersion: number): Promise<Response> {
  const cookie = await renewedSessionCookie(parseCookieHeader(req.headers.get("cookie")), authSecret(), sessionVersion);
  if (cookie) res.headers.append("set-cookie", setCookieHeader(cookie));
  return res;
}

/** Server actions: renews the caller's session cookie through Next's cookie store. */
export async function renewSessionInAction(sessionVersion: number): Promise<void> {
  const store = await cookies();
  const cookie = await renewedSessionCookie(store.getAll(), authSecret(), sessionVersion);
  if (cookie) store.set(cookie.name, cookie.value, cookie.options);
}
