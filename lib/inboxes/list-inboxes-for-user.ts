import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { Role } from "@/db/schema";

export type InboxWithUnread = { id: number; name: string; unread: number };

/**
 * The inboxes a user can see in an account — administrators all, agents those they are members of —
 * each with how many of its open conversations hold incoming messages the agents have not seen (C7).
 * One statement whatever the number of inboxes.
 */
export async function listInboxesForUser(db: Db, { accountId, user }: { accountId: number; user: { id: number; role: Role } }): Promise<InboxWithUnread[]> {
  const rows = await queryRows<{ id: number; name: string; unread: string | number }>(
    db,
    sql`
    select i.id, i.name,
      count(c.id) filter (where exists (
        select 1 from messages m
        where m.conversation_id = c.id and m.message_type = 'incoming'
          and (c.agent_last_seen_at is null or m.created_at > c.agent_last_seen_at)
      )) as unread
    from inboxes i
    left join conversations c on c.inbox_id = i.id and c.status = 'open'
    where i.account_id = ${accountId}
      and (${user.role === "administrator"} or exists (
        select 1 from inbox_members im where im.inbox_id = i.id and im.user_id = ${user.id}
      ))
    group by i.id, i.name
    order by lower(i.name), i.id`,
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, unread: Number(r.unread) }));
}
