import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, inboxes, labels, teams } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { ReportType } from "./report-params";

/** What a report covers: the whole account, or one inbox, agent, label or team of it. */
export type ReportScope = { type: "account" } | { type: "inbox"; id: number } | { type: "agent"; id: number } | { type: "label"; id: number; title: string } | { type: "team"; id: number };

/**
 * Resolves `type` + `id` inside the account: an id of another account (or of nothing) is a 422 on
 * `id`, never a report of someone else's data.
 */
export async function resolveScope(db: Db, accountId: number, type: ReportType, id: number | undefined): Promise<ReportScope> {
  if (type === "account") return { type };
  const missing = () => AppError.validation({ id: [`is not ${type === "agent" ? "an agent" : type === "inbox" ? "an inbox" : `a ${type}`} of this account`] });
  if (id === undefined) throw AppError.validation({ id: [`is required for type ${type}`] });
  if (type === "inbox") {
    const [row] = await db
      .select({ id: inboxes.id })
      .from(inboxes)
      .where(and(eq(inboxes.id, id), eq(inboxes.accountId, accountId)));
    if (!row) throw missing();
    return { type, id };
  }
  if (type === "team") {
    const [row] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, id), eq(teams.accountId, accountId)));
    if (!row) throw missing();
    return { type, id };
  }
  if (type === "agent") {
    const [row] = await db
      .select({ id: accountUsers.userId })
      .from(accountUsers)
      .where(and(eq(accountUsers.userId, id), eq(accountUsers.accountId, accountId)));
    if (!row) throw missing();
    return { type, id };
  }
  const [row] = await db
    .select({ title: labels.title })
    .from(labels)
    .where(and(eq(labels.id, id), eq(labels.accountId, accountId)));
  if (!row) throw missing();
  return { type, id, title: row.title };
}

/** The scope's condition on reporting_events (alias `e`). */
export function eventScope(scope: ReportScope): SQL {
  switch (scope.type) {
    case "account":
      return sql`true`;
    case "inbox":
      return sql`e.inbox_id = ${scope.id}`;
    case "agent":
      return sql`e.user_id = ${scope.id}`;
    case "label":
      return sql`exists (select 1 from conversations c where c.id = e.conversation_id and c.labels @> array[${scope.title}]::text[])`;
    case "team":
      return sql`exists (select 1 from conversations c where c.id = e.conversation_id and c.team_id = ${scope.id})`;
  }
}

/** The scope's condition on conversations (alias `c`): an agent's are the ones assigned to them. */
export function conversationScope(scope: ReportScope): SQL {
  switch (scope.type) {
    case "account":
      return sql`true`;
    case "inbox":
      return sql`c.inbox_id = ${scope.id}`;
    case "agent":
      return sql`c.assignee_id = ${scope.id}`;
    case "label":
      return sql`c.labels @> array[${scope.title}]::text[]`;
    case "team":
      return sql`c.team_id = ${scope.id}`;
  }
}
