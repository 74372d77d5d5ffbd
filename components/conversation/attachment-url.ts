import { safeHref } from "./safe-url";

/** Attachment URLs are Parley's own (same-origin paths) or absolute http(s); nothing else is followed. */
export function safeAttachmentUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  if (/^\/(?!\/)[^\s\\]*$/.test(raw)) return raw;
  return safeHref(raw);
}
