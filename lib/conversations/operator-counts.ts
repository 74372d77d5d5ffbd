import type { Db } from "@/db/client";
import type { Conversation, Role } from "@/db/schema";
import { listInboxesForUser } from "@/lib/inboxes/list-inboxes-for-user";
import { listConversations } from "./list-conversations";

export type ViewCounts = { mine: number; unassigned: number; all: number };

/**
 * Every count the operator app's sidebar and list header show (SPEC U1), refreshed after events
 * instead of guessed: Mine / Unassigned / All for the status across the caller's inboxes, the same
 * inside the chosen inbox, and each inbox's open conversations with unseen incoming messages.
 */
export type OperatorCounts = { views: ViewCounts; list: ViewCounts; inboxUnread: Record<number, number> };

export async function loadOperatorCounts(
  db: Db,
  args: { accountId: number; user: { id: number; role: Role }; status: Conversation["status"] | "all"; inboxId: number | null },
): Promise<OperatorCounts> {
  const base = { accountId: args.accountId, user: args.user, status: args.status, limit: 1 };
  // Sequential: the handle may be a transaction (one connection).
  const views = toCounts((await listConversations(db, base)).meta);
  const list = args.inboxId === null ? views : toCounts((await listConversations(db, { ...base, inboxId: args.inboxId })).meta);
  const inboxes = await listInboxesForUser(db, { accountId: args.accountId, user: args.user });
  return { views, list, inboxUnread: Object.fromEntries(inboxes.map((i) => [i.id, i.unread])) };
}

const toCounts = (m: { mineCount: number; unassignedCount: number; allCount: number }): ViewCounts => ({ mine: m.mineCount, unassigned: m.unassignedCount, all: m.allCount });
