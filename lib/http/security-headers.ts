/**
 * The headers every response carries except the widget page (which sets its own frame-ancestors, W5):
 * nothing of Parley's may be framed, sniffed into another type, or leak its full URL as a referrer.
 * next.config.ts applies them to what Next serves; the direct routes (lib/http/direct-routes.ts) set
 * them on theirs.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};
