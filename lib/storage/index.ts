import type { BlobStore } from "./blob-store";
import { databaseBlobStore } from "./database-store";

export type { BlobStore } from "./blob-store";

/** The configured file store. Only the database store exists today; an object store would be chosen here from lib/env. */
export function blobStore(): BlobStore {
  return databaseBlobStore;
}
