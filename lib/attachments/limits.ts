import { MESSAGE_ATTACHMENTS_MAX } from "@/db/schema";
import { env } from "@/lib/env";

export type UploadLimits = {
  /** Bytes per file (ATTACHMENT_MAX_BYTES, default 10 MB). */
  maxFileBytes: number;
  /** Bytes of a whole multipart request, checked from Content-Length and while reading (ATTACHMENT_MAX_REQUEST_BYTES). */
  maxRequestBytes: number;
  /** Files per message (M1, SPEC §4: 15). */
  maxFiles: number;
};

export function uploadLimits(): UploadLimits {
  const e = env();
  return { maxFileBytes: e.ATTACHMENT_MAX_BYTES, maxRequestBytes: e.ATTACHMENT_MAX_REQUEST_BYTES, maxFiles: MESSAGE_ATTACHMENTS_MAX };
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
