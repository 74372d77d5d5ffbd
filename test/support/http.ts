import { encode } from "next-auth/jwt";
import { authSecret } from "@/lib/auth/secret";
import type { RouteHandler } from "@/lib/http/with-auth";

/** Calling route handlers directly, as Next would, without a server. */
export const TEST_ORIGIN = "http://parley.test";

/** A next-auth session cookie for a user, signed with the process's secret (as sign-in would set it). */
export async function sessionCookie(userId: number, { sessionVersion }: { sessionVersion?: number } = {}): Promise<string> {
  const token = await encode({ token: { sub: String(userId), ...(sessionVersion !== undefined && { sv: sessionVersion }) }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}

export type TestRequest = {
  method?: string;
  /** JSON-encoded unless a string (sent as is). */
  body?: unknown;
  /** Signs in with a session cookie for this user id… */
  sessionUserId?: number;
  /** …or with this api_access_token. */
  token?: string;
  /** Origin header; defaults to this site for session-cookie mutations. Pass null to send none. */
  origin?: string | null;
  headers?: Record<string, string>;
};

export async function apiRequest(path: string, opts: TestRequest = {}): Promise<Request> {
  const method = opts.method ?? "GET";
  const headers = new Headers(opts.headers);
  if (opts.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  if (opts.sessionUserId !== undefined) headers.set("cookie", await sessionCookie(opts.sessionUserId));
  if (opts.token !== undefined) headers.set("api_access_token", opts.token);
  const origin = opts.origin === undefined ? (opts.sessionUserId !== undefined && method !== "GET" ? TEST_ORIGIN : null) : opts.origin;
  if (origin) headers.set("origin", origin);
  const body = opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  return new Request(new URL(path, TEST_ORIGIN), { method, headers, body });
}

/** Invokes a route handler with Next's `{ params: Promise<…> }` context. */
export function callRoute(handler: RouteHandler, req: Request, params: Record<string, string | string[]> = {}): Promise<Response> {
  return handler(req, { params: Promise.resolve(params) });
}
