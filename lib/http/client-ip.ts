/** Reads one header from a Headers object or the plain record next-auth passes to authorize(). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(",") : v;
}

/**
 * The caller's IP for per-IP limits (SPEC §12, W6). Next fills X-Forwarded-For from the socket when no
 * proxy set it; a proxy in front appends the address it saw, so the last entry is the one a client
 * cannot forge (the first is whatever the client claimed).
 */
export function clientIp(headers: HeaderSource): string {
  const forwarded = headerValue(headers, "x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last ?? headerValue(headers, "x-real-ip")?.trim() ?? "unknown";
}
