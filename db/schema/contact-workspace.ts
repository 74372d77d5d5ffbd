import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";
import { contacts } from "./contacts";

/** Agents' notes on a contact (Chatwoot's `notes`); they go with the contact. */
export const contactNotes = pgTable(
  "contact_notes",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    contactId: integer()
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** The author; a removed user leaves the note without one. */
    userId: integer().references(() => users.id, { onDelete: "set null" }),
    content: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("contact_notes_contact_created_idx").on(t.contactId, t.createdAt)],
);
export type ContactNote = typeof contactNotes.$inferSelect;

export const CUSTOM_ATTRIBUTE_TYPES = ["text", "number", "link", "date", "list", "checkbox"] as const;
export type CustomAttributeType = (typeof CUSTOM_ATTRIBUTE_TYPES)[number];
export const CUSTOM_ATTRIBUTE_MODELS = ["conversation_attribute", "contact_attribute"] as const;
export type CustomAttributeModel = (typeof CUSTOM_ATTRIBUTE_MODELS)[number];

/** Chatwoot's custom_attribute_definitions: the typed fields of contacts' and conversations' custom_attributes. */
export const customAttributeDefinitions = pgTable(
  "custom_attribute_definitions",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    attributeDisplayName: text().notNull(),
    attributeKey: text().notNull(),
    attributeDisplayType: text().$type<CustomAttributeType>().notNull().default("text"),
    attributeModel: text().$type<CustomAttributeModel>().notNull().default("conversation_attribute"),
    attributeDescription: text(),
    /** The choices of a `list` attribute. */
    attributeValues: jsonb().$type<string[]>().notNull().default([]),
    defaultValue: text(),
    regexPattern: text(),
    regexCue: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("custom_attribute_definitions_account_model_key_key").on(t.accountId, t.attributeModel, t.attributeKey),
    check("custom_attribute_definitions_type", sql`${t.attributeDisplayType} in ('text', 'number', 'link', 'date', 'list', 'checkbox')`),
    check("custom_attribute_definitions_model", sql`${t.attributeModel} in ('conversation_attribute', 'contact_attribute')`),
  ],
);
export type CustomAttributeDefinition = typeof customAttributeDefinitions.$inferSelect;
