/**
 * The only link targets a message may carry: http(s) and mailto. Everything else (javascript:,
 * data:, vbscript:, relative paths that would act on Parley itself) is dropped.
 */
const ALLOWED = new Set(["http:", "https:", "mailto:"]);

export function safeHref(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const trimmed = raw.replace(/[\u0000-\u0020\u007f]+/g, "");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  return ALLOWED.has(url.protocol.toLowerCase()) ? url.href : null;
}
