import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { agentBots, inboxes, type AgentBot } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordId } from "@/lib/validation";

/** Chatwoot's set_agent_bot body: `{agent_bot: id}` attaches, `{agent_bot: null}` detaches. */
export const setAgentBotSchema = z.object({ agent_bot: recordId.nullable().optional() }, "is invalid");

/** AB2: the bot attached to an inbox of the account, or null; an unknown inbox is a 404. */
export async function getInboxAgentBot(db: Db, { accountId, inboxId }: { accountId: number; inboxId: number }): Promise<AgentBot | null> {
  const [row] = await db
    .select({ bot: agentBots })
    .from(inboxes)
    .leftJoin(agentBots, eq(agentBots.id, inboxes.agentBotId))
    .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)));
  if (!row) throw AppError.notFound();
  return row.bot;
}

/**
 * AB2: attaches a bot of the same account to the inbox (replacing any other) or detaches it. From
 * then on the inbox's new conversations start pending (with a bot) or open (without).
 */
export async function setInboxAgentBot(db: Db, { accountId, inboxId, agentBotId }: { accountId: number; inboxId: number; agentBotId: number | null | undefined }): Promise<void> {
  // The inbox first: someone else's inbox is a 404 whatever the body says.
  const [inbox] = await db
    .select({ id: inboxes.id })
    .from(inboxes)
    .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)));
  if (!inbox) throw AppError.notFound();
  if (agentBotId === undefined) throw AppError.validation({ agent_bot: ["can't be blank"] });
  if (agentBotId !== null) {
    const [bot] = await db
      .select({ id: agentBots.id })
      .from(agentBots)
      .where(and(eq(agentBots.id, agentBotId), eq(agentBots.accountId, accountId)));
    if (!bot) throw AppError.notFound();
  }
  const rows = await db
    .update(inboxes)
    .set({ agentBotId, updatedAt: new Date() })
    .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)))
    .returning({ id: inboxes.id });
  if (rows.length === 0) throw AppError.notFound();
}
