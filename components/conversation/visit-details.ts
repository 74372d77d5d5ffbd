/**
 * The visit the conversation started from, as agents want to read it, out of the conversation's
 * additional_attributes in either spelling Parley stores (widget: `browser.user_agent`; Chatwoot
 * and the seed: `browser.browser_name` / `platform_name`), plus a plain `os`/`ip_address` when set.
 */
type Json = Record<string, unknown>;

export type VisitDetails = { page: string | null; browser: string | null; os: string | null; language: string | null; ip: string | null; startedAt: Date | null };

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

function browserFromAgent(ua: string): string | null {
  const m = /(Edg|OPR|Firefox|Chrome|Version)\/(\d+)/.exec(ua);
  if (!m) return null;
  const name = { Edg: "Edge", OPR: "Opera", Firefox: "Firefox", Chrome: "Chrome", Version: "Safari" }[m[1]!];
  return `${name} ${m[2]}`;
}

function osFromAgent(ua: string): string | null {
  if (/Windows NT/.test(ua)) return "Windows";
  if (/Android/.test(ua)) return "Android";
  if (/iPhone|iPad/.test(ua)) return "iOS";
  if (/Mac OS X/.test(ua)) return "macOS";
  if (/CrOS/.test(ua)) return "ChromeOS";
  if (/Linux/.test(ua)) return "Linux";
  return null;
}

function dateOf(v: unknown): Date | null {
  const raw = v && typeof v === "object" ? (v as Json).timestamp : v;
  const d = typeof raw === "number" ? new Date(raw * 1000) : typeof raw === "string" ? new Date(raw) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

export function visitDetails(attrs: Json): VisitDetails {
  const b = attrs.browser && typeof attrs.browser === "object" ? (attrs.browser as Json) : {};
  const ua = str(b.user_agent);
  return {
    page: str(attrs.referer),
    browser: str(b.browser_name) ?? (typeof attrs.browser === "string" ? str(attrs.browser) : null) ?? (ua ? browserFromAgent(ua) : null),
    os: str(b.platform_name) ?? str(attrs.os) ?? (ua ? osFromAgent(ua) : null),
    language: str(attrs.browser_language),
    ip: str(attrs.ip_address) ?? str(attrs.ip),
    startedAt: dateOf(attrs.initiated_at),
  };
}
