import { NextResponse, type NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/secret";
import { readSessionToken, tokenUserId } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { appPageCsp, newNonce } from "@/lib/http/content-security-policy";

/**
 * Every app page gets a Content-Security-Policy with a nonce of its own (lib/http/content-security-
 * policy.ts): set on the request too, where Next finds it and stamps the nonce on its scripts.
 *
 * Signed-out people asking for an app page go to /login and come back afterwards. This is the
 * optimistic check (a valid session cookie, no database): pages, route handlers and server actions
 * still check the user themselves. APIs answer 401 rather than redirect, so they are never matched;
 * neither are the widget, Next's assets or files. /login itself is not redirected: the login page sends
 * a signed-in user on to /app after re-reading them from the database, which a stale cookie would not
 * survive — deciding that here from the cookie alone would bounce a deleted user between the two.
 */
export async function proxy(req: NextRequest): Promise<NextResponse> {
  const { pathname, search } = req.nextUrl;
  const csp = appPageCsp(newNonce(), { development: env().NODE_ENV === "development" });
  const isLogin = pathname === "/login" || pathname.startsWith("/login/");
  // The public CSAT survey page (Chatwoot's /survey/responses/:uuid) is for visitors, never signed in.
  const isPublic = isLogin || pathname.startsWith("/survey/responses/");
  if (!isPublic && tokenUserId(await readSessionToken(req.cookies.getAll(), authSecret())) === null) {
    const login = new URL("/login", req.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return res;
}

export const config = {
  matcher: ["/((?!api/|public/api/|widget|_next/|.*\\.[^/]+$).*)"],
};
