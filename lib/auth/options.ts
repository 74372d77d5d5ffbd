import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/lib/http/database-unavailable";
import { clientIp } from "@/lib/http/client-ip";
import { coordination } from "@/lib/redis";
import { authenticateWithPassword } from "./credentials";
import { SIGN_IN_UNAVAILABLE, tooManyAttemptsError } from "./login-errors";
import { dummyPasswordHash } from "./password";
import { authSecret } from "./secret";
import { loadSessionUser } from "./session-user";
import { SESSION_MAX_AGE_S, tokenSessionVersion, tokenUserId } from "./session-token";

/** next-auth 4 configuration: email + password, JWT sessions, Parley's own /login page. */
export function authOptions(): NextAuthOptions {
  trustForwardedHost();
  // Hash the dummy password now, so the first unknown-email attempt costs one verification, not two.
  void dummyPasswordHash();
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          let result;
          try {
            result = await authenticateWithPassword(
              { db: await getDb(), store: coordination() },
              { email: credentials?.email ?? "", password: credentials?.password ?? "", ip: clientIp(req.headers ?? {}) },
            );
          } catch (err) {
            // next-auth shows a thrown message to the client; never let a driver error leak there.
            console.error("[auth] sign-in failed:", err);
            throw new Error(SIGN_IN_UNAVAILABLE);
          }
          if (result.ok) return { id: String(result.user.id), name: result.user.name, email: result.user.email };
          if (result.reason === "throttled") throw new Error(tooManyAttemptsError(result.retryAfterSeconds));
          return null;
        },
      }),
    ],
    callbacks: {
      // Runs at sign-in and whenever the session is read through next-auth: the token follows the
      // database, and a deleted user's token is refused (next-auth then clears the cookie).
      async jwt({ token, user }) {
        const id = user ? Number(user.id) : tokenUserId(token);
        if (id === null) throw new Error("session token without a user");
        try {
          const current = await loadSessionUser(await getDb(), id);
          if (!current) throw new Error("session user no longer exists");
          // Signing in starts a session at the user's current version; a later password change or
          // token rotation bumps it and ends this session (issue #13 §5).
          if (!user && current.sessionVersion !== tokenSessionVersion(token)) throw new Error("session ended by a password change");
          return { ...token, sub: String(current.id), sv: current.sessionVersion, name: current.name, email: current.email, accounts: current.accounts, accountId: current.accounts[0]?.id ?? null };
        } catch (err) {
          // A database outage must not sign everybody out (R3): keep the token as it was.
          if (isDatabaseUnavailable(err)) return token;
          throw err;
        }
      },
      async session({ session, token }) {
        return {
          ...session,
          user: {
            id: tokenUserId(token) ?? 0,
            name: token.name ?? null,
            email: token.email ?? null,
            accounts: token.accounts ?? [],
            accountId: token.accountId ?? null,
          },
        };
      },
    },
  };
}

/**
 * next-auth 4 works out its own URL (for redirects and whether cookies are Secure) from NEXTAUTH_URL,
 * or, only when AUTH_TRUST_HOST (or VERCEL) is set, from X-Forwarded-Host / X-Forwarded-Proto;
 * otherwise it assumes http://localhost:3000 and sends people there after signing in. Next's server
 * always fills those headers from the request itself (keeping a proxy's values), so trusting them
 * makes Parley work on any host and port with nothing configured. An explicit NEXTAUTH_URL still wins.
 */
function trustForwardedHost(): void {
  process.env.AUTH_TRUST_HOST ??= "true";
}
