import { integer, timestamp } from "drizzle-orm/pg-core";

/** Shared column builders: integer identity keys and timestamptz columns (SPEC §4). */
export const id = () => integer().primaryKey().generatedByDefaultAsIdentity();
export const tstz = () => timestamp({ withTimezone: true, mode: "date" });
export const createdAt = () => tstz().notNull().defaultNow();
export const updatedAt = () =>
  tstz()
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
