import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";

export const cannedResponses = pgTable(
  "canned_responses",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    shortCode: text().notNull(),
    content: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("canned_responses_account_short_code_key").on(t.accountId, t.shortCode)],
);
export type CannedResponse = typeof cannedResponses.$inferSelect;

export const labels = pgTable(
  "labels",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    title: text().notNull(),
    description: text(),
    color: text().notNull().default("#1f93ff"),
    showOnSidebar: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("labels_account_title_key").on(t.accountId, t.title), check("labels_title_lower", sql`${t.title} = lower(${t.title})`)],
);
export type Label = typeof labels.$inferSelect;
