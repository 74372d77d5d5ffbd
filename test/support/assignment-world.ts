import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, conversations, type Availability, type AutoAssignmentConfig, type NewInbox } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { touchAgentPresence } from "@/lib/presence/agent-presence";
import type { CoordinationStore } from "@/lib/redis/port";
import { addMember, buildAccount, buildContact, buildContactInbox, buildInbox, buildUser } from "./engine-fixtures";

/**
 * An account with one inbox and agents for assignment suites. Agents are members in the order given
 * (the round-robin queue is built in joining order); `present` agents have a sign of life at `now`.
 */
export type AgentSpec = { name?: string; availability?: Availability; present?: boolean; autoOffline?: boolean; member?: boolean };

export async function buildAssignmentWorld(
  db: Db,
  store: CoordinationStore,
  { agents, config, inbox: inboxOverrides = {}, now }: { agents: AgentSpec[]; config?: Partial<AutoAssignmentConfig>; inbox?: Partial<Omit<NewInbox, "accountId">>; now: Date },
) {
  const account = await buildAccount(db);
  const inbox = await buildInbox(db, {
    accountId: account.id,
    schedule: [],
    autoAssignmentConfig: { mode: "round_robin", fair_distribution_limit: 100, fair_distribution_window_s: 3600, ...config },
    ...inboxOverrides,
  });
  const users = [];
  for (const [i, spec] of agents.entries()) {
    const user = await buildUser(db, { accountId: account.id, name: spec.name ?? `Agent ${i}`, availability: spec.availability ?? "online" });
    if (spec.autoOffline === false) await db.update(accountUsers).set({ autoOffline: false }).where(eq(accountUsers.userId, user.id));
    if (spec.member !== false) await addMember(db, { accountId: account.id, inboxId: inbox.id, userId: user.id });
    if (spec.present !== false) await touchAgentPresence(store, { accountIds: [account.id], userId: user.id, now });
    users.push(user);
  }
  const contact = await buildContact(db, { accountId: account.id });
  const contactInbox = await buildContactInbox(db, { accountId: account.id, contactId: contact.id, inboxId: inbox.id });
  const open = (at: Date, inboxId = inbox.id) =>
    createConversation(db, { accountId: account.id, inboxId, contactId: contact.id, contactInboxId: inboxId === inbox.id ? contactInbox.id : null, now: at });
  const ping = (at: Date, ...userIds: number[]) => Promise.all(userIds.map((userId) => touchAgentPresence(store, { accountIds: [account.id], userId, now: at })));
  return { account, inbox, agents: users, contact, contactInbox, open, ping };
}

/** Every conversation of an inbox with its assignee, oldest first. */
export async function assigneesOf(db: Db, inboxId: number) {
  return db
    .select({ id: conversations.id, assigneeId: conversations.assigneeId, status: conversations.status })
    .from(conversations)
    .where(eq(conversations.inboxId, inboxId))
    .orderBy(asc(conversations.id));
}

/** Assigned conversations per user id (unassigned under 0). */
export function countByAssignee(rows: { assigneeId: number | null }[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.assigneeId ?? 0, (counts.get(r.assigneeId ?? 0) ?? 0) + 1);
  return counts;
}
