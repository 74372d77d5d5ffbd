import type { Db } from "@/db/client";
import type { Attachment } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { blobStore } from "@/lib/storage";
import { ATTACHMENT_CSP } from "./attachment-headers";
import { RASTER_IMAGES } from "./content-types";

/**
 * The file as a response (SPEC §12): the content type stored at upload (always one of the accepted
 * types), `nosniff` so the browser never guesses another, a download (`attachment`) for everything but
 * raster images, a sandbox CSP so even a file opened directly can run nothing, and private caching.
 */
export async function serveAttachment(db: Db, a: Attachment): Promise<Response> {
  const bytes = await blobStore().get(db, a.storageKey);
  // An attachment row without its file (rows written by older tools, or a file already removed).
  if (!bytes) throw AppError.notFound();
  const inline = RASTER_IMAGES.has(a.contentType);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": a.contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", a.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": ATTACHMENT_CSP,
      "Cache-Control": "private, max-age=3600",
    },
  });
}

/** RFC 6266: an ASCII fallback `filename` plus the exact name as RFC 5987 `filename*`. */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
