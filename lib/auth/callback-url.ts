/**
 * Where to go after signing in: a path on this site, never another origin (an open redirect would let
 * a phishing link borrow Parley's login page). Absolute URLs — next-auth sends them — are reduced to
 * their path; /login and /api are not destinations. Free of server imports so the form can use it.
 */
export function safeCallbackUrl(value: string | string[] | undefined | null, fallback = "/app"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw, "http://parley.invalid");
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return fallback;
  if (url.pathname === "/login" || url.pathname.startsWith("/login/") || url.pathname.startsWith("/api/")) return fallback;
  return path;
}
