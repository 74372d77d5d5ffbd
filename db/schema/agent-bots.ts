import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";

/**
 * An account's agent bot (AB1): a receiver of its inboxes' events at `outgoing_url` that answers
 * through the Application API with its own token. Only the token's SHA-256 is stored (AB1: the token
 * is shown once, when created or reset); `secret` signs what Parley POSTs to the bot (AB3, as WH3).
 */
export const agentBots = pgTable(
  "agent_bots",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    outgoingUrl: text(),
    avatarUrl: text(),
    accessTokenDigest: text().notNull(),
    secret: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("agent_bots_account_idx").on(t.accountId), uniqueIndex("agent_bots_access_token_digest_key").on(t.accessTokenDigest)],
);
export type AgentBot = typeof agentBots.$inferSelect;
