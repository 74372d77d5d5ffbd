import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, id, tstz, updatedAt } from "./columns";
import { contactTypeEnum } from "./enums";
import { inboxes } from "./inboxes";

export const contacts = pgTable(
  "contacts",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull().default(""),
    /** Stored lower-cased (K1). */
    email: text(),
    /** E.164 (K1). */
    phoneNumber: text(),
    /** Set only by proof (W3 HMAC) or by agents / the Application API: never a visitor's unsigned word. */
    identifier: text(),
    /** The identifier a visitor claimed without proof (widget set_user, Client API); shown to agents as unverified. */
    unverifiedIdentifier: text(),
    additionalAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    customAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    contactType: contactTypeEnum().notNull().default("visitor"),
    lastActivityAt: tstz(),
    blocked: boolean().notNull().default(false),
    /** Label titles (lower-case, from the account's labels), as on conversations (K4). */
    labels: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("contacts_account_email_key").on(t.accountId, sql`lower(${t.email})`),
    uniqueIndex("contacts_account_identifier_key").on(t.accountId, t.identifier),
    uniqueIndex("contacts_account_phone_key").on(t.accountId, t.phoneNumber),
    index("contacts_account_last_activity_idx").on(t.accountId, t.lastActivityAt.desc()),
    check("contacts_email_lower", sql`${t.email} = lower(${t.email})`),
    check("contacts_phone_e164", sql`${t.phoneNumber} ~ '^\\+[1-9][0-9]{1,14}$'`),
  ],
);
export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;

export const contactInboxes = pgTable(
  "contact_inboxes",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    contactId: integer()
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    inboxId: integer()
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    sourceId: text().notNull(),
    /** ≥ 128 random bits; the contact's realtime credential. */
    pubsubToken: text().notNull(),
    hmacVerified: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("contact_inboxes_inbox_source_key").on(t.inboxId, t.sourceId),
    uniqueIndex("contact_inboxes_pubsub_token_key").on(t.pubsubToken),
    index("contact_inboxes_contact_idx").on(t.contactId),
  ],
);
export type ContactInbox = typeof contactInboxes.$inferSelect;
