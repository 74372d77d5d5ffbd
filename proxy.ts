import { NextResponse, type NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/secret";
import { readSessionToken, tokenUserId } from "@/lib/auth/session-token";

/**
 * Signed-out people asking for an app page go to /login and come back afterwards. This is the
 * optimistic check (a valid session cookie, no database): pages, route handlers and server actions
 * still check the user themselves. APIs answer 401 rather than redirect, so they are never matched;
 * neither are the widget, Next's assets or files. /login itself is left alone: the login page sends
 * a signed-in user on to /app after re-reading them from the database, which a stale cookie would not
 * survive — deciding that here from the cookie alone would bounce a deleted user between the two.
 */
export async function proxy(req: NextRequest): Promise<NextResponse> {
  const { pathname, search } = req.nextUrl;
  if (pathname === "/login" || pathname.startsWith("/login/")) return NextResponse.next();
  const token = await readSessionToken(req.cookies.getAll(), authSecret());
  if (tokenUserId(token) !== null) return NextResponse.next();
  const login = new URL("/login", req.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api/|public/api/|widget|_next/|login$|login/|.*\\.[^/]+$).*)"],
};
