import { customType, integer, pgTable, text } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt } from "./columns";

/** bytea as bytes: node-postgres and Neon hand back a Buffer, PGlite a Uint8Array — both are Uint8Arrays. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * The bytes of uploaded files (lib/storage's database store), keyed by the random storage key an
 * attachment row names. In the database so every backend (PGlite, node-postgres, Neon) and every
 * instance sees the same files, and a message, its attachments and its files commit or roll back
 * together. Deleting the account removes its files.
 */
export const attachmentBlobs = pgTable("attachment_blobs", {
  storageKey: text().primaryKey(),
  accountId: integer()
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" }),
  bytes: bytea().notNull(),
  createdAt: createdAt(),
});
export type AttachmentBlob = typeof attachmentBlobs.$inferSelect;
