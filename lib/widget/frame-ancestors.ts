/**
 * W5: the CSP `frame-ancestors` sources for an inbox's allowed_domains (comma-, space- or
 * newline-separated; Chatwoot's format). Empty means any site may embed the widget (`*`). Entries are
 * validated as CSP host-sources — `https://shop.example`, `shop.example`, `*.example.com:8443` — and
 * anything else is dropped, so a settings value can never inject another directive. If entries were
 * given but none is usable, framing is refused rather than silently opened to everyone.
 */
const HOST_SOURCE = /^(?:(https?):\/\/)?((?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?\/?$/i;

export function frameAncestorSources(allowedDomains: string): string {
  const entries = allowedDomains
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return "*";
  const sources = entries.map(toHostSource).filter((s): s is string => s !== null);
  return sources.length ? [...new Set(sources)].join(" ") : "'none'";
}

function toHostSource(entry: string): string | null {
  const m = HOST_SOURCE.exec(entry);
  if (!m) return null;
  const [, scheme, host, port] = m;
  return `${scheme ? `${scheme.toLowerCase()}://` : ""}${host!.toLowerCase()}${port ? `:${port}` : ""}`;
}

/** The widget page's whole policy: framed only by the allowed sites, and itself loading only from Parley. */
export function widgetPageCsp(allowedDomains: string, nonce: string): string {
  return [
    `frame-ancestors ${frameAncestorSources(allowedDomains)}`,
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    // blob: for attachments: the widget fetches them with the contact token and shows them from memory.
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join("; ");
}
