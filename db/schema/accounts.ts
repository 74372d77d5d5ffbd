import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { availabilityEnum, roleEnum } from "./enums";

export const accounts = pgTable("accounts", {
  id: id(),
  name: text().notNull(),
  /** A code of lib/i18n/locales.ts: the language of the team's UI and of what Parley writes (activity, automatic messages). */
  locale: text().notNull().default("en"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;

export const users = pgTable(
  "users",
  {
    id: id(),
    name: text().notNull(),
    displayName: text(),
    email: text().notNull(),
    passwordHash: text().notNull(),
    /** Per-user token for the Application API (`api_access_token` header). */
    accessToken: text().notNull(),
    /** Realtime credential, never shown in URLs. */
    pubsubToken: text().notNull(),
    /**
     * Bumped when the password changes or the access token is rotated: session cookies carry the
     * version they were issued at, and an older one is refused (issue #13 §5).
     */
    sessionVersion: integer().notNull().default(0),
    /** Chatwoot's free-form `ui_settings`; Parley reads `locale` (the agent's language, which wins over the account's). */
    uiSettings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`), uniqueIndex("users_access_token_key").on(t.accessToken), uniqueIndex("users_pubsub_token_key").on(t.pubsubToken)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const accountUsers = pgTable(
  "account_users",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum().notNull().default("agent"),
    /** The availability the agent chose; the effective one also depends on presence (P2). */
    availability: availabilityEnum().notNull().default("online"),
    autoOffline: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("account_users_account_user_key").on(t.accountId, t.userId), index("account_users_user_idx").on(t.userId)],
);
export type AccountUser = typeof accountUsers.$inferSelect;
