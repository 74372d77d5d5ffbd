import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, contactInboxes, inboxMembers, users, type Role } from "@/db/schema";
import { CONTACT_ONLY_EVENTS, isInternalEvent } from "./event-types";
import type { StreamEvent } from "./relay";

/**
 * Who may receive which event (E3), computed on the server when a stream opens. The same rule exists
 * twice — `canReceive` for live fan-out and `audienceFilter` for replay in SQL — and the tests hold
 * both to the same expectations.
 */
export type AgentAudience = {
  kind: "agent";
  userId: number;
  /** Every account the user belongs to; administrators see the whole account. */
  accounts: { accountId: number; role: Role; inboxIds: number[] }[];
};

export type ContactAudience = {
  kind: "contact";
  contactId: number;
  /** The stream's contact_inbox and, when it is HMAC-verified, the contact's other verified ones in that inbox. */
  contactInboxIds: number[];
};

export type Audience = AgentAudience | ContactAudience;

export async function loadAgentAudience(db: Db, userId: number): Promise<AgentAudience> {
  const [memberships, inboxes] = await Promise.all([
    db.select({ accountId: accountUsers.accountId, role: accountUsers.role }).from(accountUsers).where(eq(accountUsers.userId, userId)),
    db.select({ accountId: inboxMembers.accountId, inboxId: inboxMembers.inboxId }).from(inboxMembers).where(eq(inboxMembers.userId, userId)),
  ]);
  return {
    kind: "agent",
    userId,
    accounts: memberships.map((m) => ({
      accountId: m.accountId,
      role: m.role,
      inboxIds: inboxes.filter((i) => i.accountId === m.accountId).map((i) => i.inboxId),
    })),
  };
}

/**
 * An open operator stream's audience, re-read (issue #13 §5): null when the stream must end — the user
 * is gone, belongs to no account any more, or their session version moved on since the stream opened
 * (a password change or token rotation ends every session and stream issued before it).
 */
export async function reloadAgentAudience(db: Db, { userId, sessionVersion }: { userId: number; sessionVersion: number }): Promise<AgentAudience | null> {
  const [user] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.sessionVersion !== sessionVersion) return null;
  const audience = await loadAgentAudience(db, userId);
  return audience.accounts.length > 0 ? audience : null;
}

/** The contact audience of one contact_inbox; null when it does not exist. */
export async function loadContactAudience(db: Db, contactInboxId: number): Promise<ContactAudience | null> {
  const [own] = await db.select().from(contactInboxes).where(eq(contactInboxes.id, contactInboxId)).limit(1);
  if (!own) return null;
  if (!own.hmacVerified) return { kind: "contact", contactId: own.contactId, contactInboxIds: [own.id] };
  const siblings = await db
    .select({ id: contactInboxes.id })
    .from(contactInboxes)
    .where(and(eq(contactInboxes.contactId, own.contactId), eq(contactInboxes.inboxId, own.inboxId), eq(contactInboxes.hmacVerified, true)));
  return { kind: "contact", contactId: own.contactId, contactInboxIds: [...new Set([own.id, ...siblings.map((s) => s.id)])] };
}

const TYPING = new Set(["conversation.typing_on", "conversation.typing_off"]);

/** The typer of a typing event, as Chatwoot's payload carries it: `user: {id, type: "user" | "contact"}`. */
export function typingSender(e: Pick<StreamEvent, "type" | "payload">): { type: string; id: number } | null {
  if (!TYPING.has(e.type)) return null;
  const user = e.payload.user as { id?: unknown; type?: unknown } | undefined;
  if (!user || typeof user.type !== "string" || user.id === undefined) return null;
  return { type: user.type, id: Number(user.id) };
}

function isOwnTyping(audience: Audience, e: StreamEvent): boolean {
  const sender = typingSender(e);
  if (!sender) return false;
  return audience.kind === "agent" ? sender.type === "user" && sender.id === audience.userId : sender.type === "contact" && sender.id === audience.contactId;
}

/** Live fan-out rule. Events without an inbox (contact.*, presence) are account-wide for agents. */
export function canReceive(audience: Audience, e: StreamEvent): boolean {
  // E8: the lookup cache's invalidations are for servers, never for a client.
  if (isInternalEvent(e.type) || isOwnTyping(audience, e)) return false;
  if (audience.kind === "contact") {
    return !e.private && e.contactInboxId !== null && audience.contactInboxIds.includes(e.contactInboxId);
  }
  if ((CONTACT_ONLY_EVENTS as ReadonlySet<string>).has(e.type)) return false;
  // NT2: an event addressed to one agent (a notification) reaches that agent only.
  if (e.userId !== null && e.userId !== undefined) return e.userId === audience.userId && audience.accounts.some((a) => a.accountId === e.accountId);
  const account = audience.accounts.find((a) => a.accountId === e.accountId);
  if (!account) return false;
  if (account.role === "administrator" || e.inboxId === null) return true;
  return account.inboxIds.includes(e.inboxId);
}

const intArray = (ids: number[]) => sql`${`{${ids.map((n) => Math.trunc(n)).join(",")}}`}::int[]`;

/** The same rule as `canReceive`, as a WHERE clause over `events` (replay, E5). */
export function audienceFilter(audience: Audience): SQL {
  const notOwnTyping = (type: "user" | "contact", id: number) =>
    sql`not (type in ('conversation.typing_on', 'conversation.typing_off')
             and coalesce(payload->'user'->>'type', '') = ${type}
             and coalesce(payload->'user'->>'id', '') = ${String(id)})`;
  if (audience.kind === "contact") {
    return sql`(not private and contact_inbox_id = any(${intArray(audience.contactInboxIds)}) and ${notOwnTyping("contact", audience.contactId)})`;
  }
  const admin = audience.accounts.filter((a) => a.role === "administrator").map((a) => a.accountId);
  const agent = audience.accounts.filter((a) => a.role !== "administrator");
  const inboxIds = agent.flatMap((a) => a.inboxIds);
  return sql`(((user_id is null
               and (account_id = any(${intArray(admin)})
                    or (account_id = any(${intArray(agent.map((a) => a.accountId))})
                        and (inbox_id is null or inbox_id = any(${intArray(inboxIds)})))))
              or (user_id = ${audience.userId} and account_id = any(${intArray(audience.accounts.map((a) => a.accountId))})))
              and ${notOwnTyping("user", audience.userId)}
              and type <> all(${`{${[...CONTACT_ONLY_EVENTS].join(",")}}`}::text[])
              and type not like 'internal.%')`;
}
