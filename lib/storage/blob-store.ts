import type { Db } from "@/db/client";

/**
 * The storage port for uploaded files. Every call takes the request's database handle: the database
 * store writes inside the caller's transaction, so a refused or failed message leaves no file behind.
 * An object store (S3 and the like) would implement the same calls by uploading before the
 * transaction and sweeping keys no attachment row names; callers would not change.
 */
export type BlobStore = {
  put(db: Db, blob: { storageKey: string; accountId: number; bytes: Uint8Array }): Promise<void>;
  /** The file's bytes, or null when the key names nothing. */
  get(db: Db, storageKey: string): Promise<Uint8Array | null>;
  remove(db: Db, storageKeys: string[]): Promise<void>;
};
