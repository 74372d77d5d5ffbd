/**
 * The operator app's Content-Security-Policy (issue #13 §6), set per request by proxy.ts: scripts run
 * only with this response's nonce (Next stamps it on its own script tags when it finds the policy in
 * the request) or when loaded by such a script ('strict-dynamic'), so injected markup cannot run code.
 * No 'unsafe-eval' in production (React's development build needs it for its debugging aids). Styles
 * allow inline: server-rendered `style` attributes cannot carry a nonce, and CSS cannot run script.
 * The app is never framed. The widget page keeps its own policy (lib/widget/frame-ancestors.ts), and
 * file downloads theirs (lib/attachments/attachment-headers.ts).
 */
export function appPageCsp(nonce: string, { development = false }: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // blob: for attachment previews fetched with credentials; data: for small inline images.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The inbox settings preview may frame the widget, which is served from Parley itself.
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
