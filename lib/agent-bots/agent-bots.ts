import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentBots, type AgentBot } from "@/db/schema";
import { secureToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { newSecret } from "@/lib/webhooks/webhooks";
import type { AgentBotInput } from "./agent-bot-input";

/** Bot tokens are stored as their SHA-256 (AB1): a database read never yields a usable token. */
export const tokenDigest = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new bot token, recognisable in a bot's configuration. */
const newToken = () => `bot_${secureToken(32)}`;

/**
 * Chatwoot's `_agent_bot.json.jbuilder` (swagger `agent_bot`). `access_token` and the signing
 * `secret` appear only in the answers to create and reset (`withToken`, AB1).
 */
export function presentAgentBot(b: AgentBot) {
  return {
    id: b.id,
    name: b.name,
    description: b.description ?? "",
    thumbnail: b.avatarUrl ?? "",
    outgoing_url: b.outgoingUrl,
    bot_type: "webhook",
    bot_config: {},
    account_id: b.accountId,
    system_bot: false,
  };
}

export type BotWithToken = { bot: AgentBot; accessToken: string };
export const withToken = ({ bot, accessToken }: BotWithToken) => ({ ...presentAgentBot(bot), access_token: accessToken, secret: bot.secret });

export async function listAgentBots(db: Db, { accountId }: { accountId: number }): Promise<AgentBot[]> {
  return db.select().from(agentBots).where(eq(agentBots.accountId, accountId)).orderBy(agentBots.id);
}

export async function getAgentBot(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<AgentBot> {
  const [row] = await db
    .select()
    .from(agentBots)
    .where(and(eq(agentBots.id, id), eq(agentBots.accountId, accountId)));
  if (!row) throw AppError.notFound();
  return row;
}

export async function createAgentBot(db: Db, { accountId, input }: { accountId: number; input: AgentBotInput }): Promise<BotWithToken> {
  const accessToken = newToken();
  const [bot] = await db
    .insert(agentBots)
    .values({
      accountId,
      name: input.name,
      description: input.description || null,
      outgoingUrl: input.outgoing_url,
      avatarUrl: input.avatar_url || null,
      accessTokenDigest: tokenDigest(accessToken),
      secret: newSecret(),
    })
    .returning();
  return { bot: bot!, accessToken };
}

export async function updateAgentBot(db: Db, { accountId, id, input }: { accountId: number; id: number; input: Partial<AgentBotInput> }): Promise<AgentBot> {
  const [row] = await db
    .update(agentBots)
    .set({
      name: input.name,
      description: input.description === undefined ? undefined : input.description || null,
      outgoingUrl: input.outgoing_url,
      avatarUrl: input.avatar_url === undefined ? undefined : input.avatar_url || null,
      updatedAt: new Date(),
    })
    .where(and(eq(agentBots.id, id), eq(agentBots.accountId, accountId)))
    .returning();
  if (!row) throw AppError.notFound();
  return row;
}

/** A new token and signing secret; the old ones stop working at once (AB1). */
export async function resetAgentBotToken(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<BotWithToken> {
  const accessToken = newToken();
  const [bot] = await db
    .update(agentBots)
    .set({ accessTokenDigest: tokenDigest(accessToken), secret: newSecret(), updatedAt: new Date() })
    .where(and(eq(agentBots.id, id), eq(agentBots.accountId, accountId)))
    .returning();
  if (!bot) throw AppError.notFound();
  return { bot, accessToken };
}

/** Deletes the bot; its inboxes go back to starting conversations open (inboxes.agent_bot_id set null). */
export async function deleteAgentBot(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<void> {
  const rows = await db
    .delete(agentBots)
    .where(and(eq(agentBots.id, id), eq(agentBots.accountId, accountId)))
    .returning({ id: agentBots.id });
  if (rows.length === 0) throw AppError.notFound();
}

/** The bot an `api_access_token` belongs to, or null. */
export async function findAgentBotByToken(db: Db, token: string): Promise<AgentBot | null> {
  if (!token.startsWith("bot_")) return null;
  const [row] = await db
    .select()
    .from(agentBots)
    .where(eq(agentBots.accessTokenDigest, tokenDigest(token)));
  return row ?? null;
}
