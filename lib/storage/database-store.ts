import { eq, inArray } from "drizzle-orm";
import { attachmentBlobs } from "@/db/schema";
import type { BlobStore } from "./blob-store";

/**
 * Files as bytea rows in `attachment_blobs`: works on PGlite, node-postgres and Neon alike, and every
 * instance shares the files without extra infrastructure. The upload limits (lib/attachments/limits)
 * keep rows small enough for this to be sensible.
 */
export const databaseBlobStore: BlobStore = {
  async put(db, { storageKey, accountId, bytes }) {
    await db.insert(attachmentBlobs).values({ storageKey, accountId, bytes });
  },
  async get(db, storageKey) {
    const [row] = await db.select({ bytes: attachmentBlobs.bytes }).from(attachmentBlobs).where(eq(attachmentBlobs.storageKey, storageKey)).limit(1);
    return row ? new Uint8Array(row.bytes) : null;
  },
  async remove(db, storageKeys) {
    if (storageKeys.length) await db.delete(attachmentBlobs).where(inArray(attachmentBlobs.storageKey, storageKeys));
  },
};
