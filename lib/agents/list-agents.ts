import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, inboxMembers, users } from "@/db/schema";
import { agentColumns, connectedAgentIds, presentAgent, type Agent } from "@/lib/presenters/app-agent";

/** The account's members as Agents, ordered by lower(name) (chatwoot-api.md §B6); `userIds` narrows the list. */
export async function listAgentsByAccount(db: Db, { accountId, userIds, inboxId, now = new Date() }: { accountId: number; userIds?: number[]; inboxId?: number; now?: Date }): Promise<Agent[]> {
  const filters = [eq(accountUsers.accountId, accountId)];
  if (userIds) filters.push(inArray(users.id, userIds.length ? userIds : [-1]));
  if (inboxId !== undefined) filters.push(inArray(users.id, db.select({ id: inboxMembers.userId }).from(inboxMembers).where(eq(inboxMembers.inboxId, inboxId))));
  const rows = await db
    .select(agentColumns)
    .from(users)
    .innerJoin(accountUsers, eq(accountUsers.userId, users.id))
    .where(and(...filters))
    .orderBy(asc(sql`lower(${users.name}) collate "und-x-icu"`), asc(users.id));
  const present = await connectedAgentIds(accountId, now);
  return rows.map((r) => presentAgent(r, present.has(r.id)));
}
