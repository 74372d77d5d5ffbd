import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, contacts, users, type Conversation } from "@/db/schema";
import { presentContactPush, type ContactPush } from "./contact-push";
import { iso } from "./time";
import { presentUserPush, type UserPush } from "./user-push";

/** The messages index's `meta` (chatwoot-api.md §B2), key order as emitted. */
export type MessagesMeta = {
  labels: string[];
  additional_attributes: Record<string, unknown>;
  contact: ContactPush;
  assignee?: UserPush;
  agent_last_seen_at: string | null;
  assignee_last_seen_at: string | null;
};

/** One query: the contact and (when a user is assigned) the assignee. */
export async function loadMessagesMeta(db: Db, c: Conversation): Promise<MessagesMeta> {
  const [row] = await db
    .select({ contact: contacts, assignee: { id: users.id, name: users.name, displayName: users.displayName }, availability: accountUsers.availability })
    .from(contacts)
    .leftJoin(users, c.assigneeId === null ? eq(users.id, -1) : eq(users.id, c.assigneeId))
    .leftJoin(accountUsers, and(eq(accountUsers.userId, users.id), eq(accountUsers.accountId, c.accountId)))
    .where(eq(contacts.id, c.contactId));
  return {
    labels: c.labels,
    additional_attributes: c.additionalAttributes,
    contact: presentContactPush(row!.contact),
    ...(row?.assignee && { assignee: presentUserPush(row.assignee, row.availability) }),
    agent_last_seen_at: iso(c.agentLastSeenAt),
    assignee_last_seen_at: iso(c.assigneeLastSeenAt),
  };
}
