import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";

/**
 * A team of agents (Chatwoot's teams). A conversation may belong to one team (`conversations.team_id`);
 * with `allow_auto_assign` an unassigned conversation that lands on the team goes to an online member
 * of the team who is also a member of the conversation's inbox (WF2).
 */
export const teams = pgTable(
  "teams",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    allowAutoAssign: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("teams_account_name_key").on(t.accountId, sql`lower(${t.name})`)],
);
export type Team = typeof teams.$inferSelect;

export const teamMembers = pgTable(
  "team_members",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    teamId: integer()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("team_members_team_user_key").on(t.teamId, t.userId), index("team_members_user_idx").on(t.userId)],
);
export type TeamMember = typeof teamMembers.$inferSelect;

export type FilterCondition = { attribute_key: string; filter_operator: string; values: unknown[]; query_operator?: "and" | "or" | "AND" | "OR" | null; attribute_model?: string };

/** Chatwoot's custom filters: a user's saved conversation or contact filter (a saved view). */
export const customFilters = pgTable(
  "custom_filters",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    filterType: text().notNull().default("conversation"),
    query: jsonb().$type<{ payload: FilterCondition[] }>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("custom_filters_account_user_idx").on(t.accountId, t.userId), check("custom_filters_type", sql`${t.filterType} in ('conversation', 'contact')`)],
);
export type CustomFilter = typeof customFilters.$inferSelect;
