import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import type { Availability } from "@/db/schema";

/**
 * Right-now figures (GET /api/v2/accounts/:id/reports/conversations, Chatwoot's live reports): open
 * conversations; unattended ones (open and never answered, or a visitor waiting — Chatwoot's
 * `unattended` scope); open without an assignee; pending.
 */
export type LiveAccountCounts = { open: number; unattended: number; unassigned: number; pending: number };
export type LiveAgentCounts = { id: number; name: string; email: string; thumbnail: string; availability: Availability; metric: { open: number; unattended: number } };

const UNATTENDED = sql`(c.first_reply_created_at is null or c.waiting_since is not null)`;

export async function liveAccountCounts(db: Db, accountId: number): Promise<LiveAccountCounts> {
  const [row] = await queryRows<Record<keyof LiveAccountCounts, string | number>>(
    db,
    sql`select count(*) filter (where c.status = 'open') as open,
               count(*) filter (where c.status = 'open' and ${UNATTENDED}) as unattended,
               count(*) filter (where c.status = 'open' and c.assignee_id is null) as unassigned,
               count(*) filter (where c.status = 'pending') as pending
          from conversations c
         where c.account_id = ${accountId} and c.status in ('open', 'pending')`,
  );
  return { open: Number(row?.open ?? 0), unattended: Number(row?.unattended ?? 0), unassigned: Number(row?.unassigned ?? 0), pending: Number(row?.pending ?? 0) };
}

/** Per agent (or one agent, `userId`): their open and unattended conversations, most open first. */
export async function liveAgentCounts(db: Db, accountId: number, userId?: number): Promise<LiveAgentCounts[]> {
  const [agents, rows] = await Promise.all([
    listAgentsByAccount(db, { accountId, userIds: userId === undefined ? undefined : [userId] }),
    queryRows<{ assignee_id: number; open: string | number; unattended: string | number }>(
      db,
      sql`select c.assignee_id, count(*) as open, count(*) filter (where ${UNATTENDED}) as unattended
            from conversations c
           where c.account_id = ${accountId} and c.status = 'open' and c.assignee_id is not null
           group by 1`,
    ),
  ]);
  const by = new Map(rows.map((r) => [Number(r.assignee_id), r]));
  return agents
    .map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      thumbnail: a.thumbnail,
      availability: a.availability_status,
      metric: { open: Number(by.get(a.id)?.open ?? 0), unattended: Number(by.get(a.id)?.unattended ?? 0) },
    }))
    .sort((x, y) => y.metric.open - x.metric.open || x.id - y.id);
}
