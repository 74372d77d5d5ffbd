/**
 * The Content-Security-Policy of every file download: `sandbox` so a file opened directly runs
 * nothing, and no framing. No imports on purpose: next.config.ts reads it too, because its site-wide
 * `frame-ancestors 'none'` header would otherwise replace the route's own policy in production.
 */
export const ATTACHMENT_CSP = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** The download routes (next.config.ts `headers()` sources). */
export const ATTACHMENT_ROUTES = [
  "/api/v1/accounts/:accountId/attachments/:attachmentId",
  "/api/v1/widget/attachments/:attachmentId",
  "/public/api/v1/inboxes/:inboxIdentifier/contacts/:contactIdentifier/attachments/:attachmentId",
] as const;
