import { randomUUID } from "node:crypto";
import { and, asc, eq, notLike } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  accounts,
  accountUsers,
  contactInboxes,
  contacts,
  conversations,
  events,
  inboxes,
  inboxMembers,
  labels,
  messages,
  users,
  webWidgets,
  workingHours,
  type Availability,
  type NewContact,
  type NewConversation,
  type NewInbox,
  type Role,
  type WorkingHour,
} from "@/db/schema";
import { secureToken } from "@/lib/auth/tokens";

/**
 * Small builders for the conversation engine's tests: rows straight into the tables, defaults that
 * keep automatic messages off unless a test turns them on. General enough for other suites.
 */
let seq = 0;
const next = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

export async function buildAccount(db: Db, name = "Acme") {
  const [account] = await db.insert(accounts).values({ name }).returning();
  return account!;
}

export async function buildUser(
  db: Db,
  { accountId, role = "agent", name, displayName, availability = "online" }: { accountId: number; role?: Role; name?: string; displayName?: string; availability?: Availability },
) {
  const n = next();
  const [user] = await db
    .insert(users)
    .values({ name: name ?? `User ${n}`, displayName, email: `user-${n}@example.test`, passwordHash: "x", accessToken: secureToken(), pubsubToken: secureToken() })
    .returning();
  await db.insert(accountUsers).values({ accountId, userId: user!.id, role, availability });
  return { ...user!, role };
}

export type ScheduleRow = Pick<WorkingHour, "dayOfWeek"> & Partial<Pick<WorkingHour, "closedAllDay" | "openAllDay" | "openHour" | "openMinutes" | "closeHour" | "closeMinutes">>;

/** Chatwoot's default week: Sunday and Saturday closed, Monday–Friday 09:00–17:00. */
export const defaultWeek: ScheduleRow[] = Array.from({ length: 7 }, (_, d) =>
  d === 0 || d === 6 ? { dayOfWeek: d, closedAllDay: true } : { dayOfWeek: d, openHour: 9, openMinutes: 0, closeHour: 17, closeMinutes: 0 },
);

export async function buildInbox(db: Db, { accountId, schedule = defaultWeek, ...overrides }: { accountId: number; schedule?: ScheduleRow[] } & Partial<Omit<NewInbox, "accountId">>) {
  const [inbox] = await db
    .insert(inboxes)
    .values({ name: "Website", enableEmailCollect: false, ...overrides, accountId })
    .returning();
  await db.insert(webWidgets).values({ accountId, inboxId: inbox!.id, websiteUrl: "https://example.test", websiteToken: secureToken(), hmacToken: secureToken() });
  if (schedule.length) await db.insert(workingHours).values(schedule.map((d) => ({ ...d, accountId, inboxId: inbox!.id })));
  return inbox!;
}

export async function addMember(db: Db, { accountId, inboxId, userId }: { accountId: number; inboxId: number; userId: number }) {
  await db.insert(inboxMembers).values({ accountId, inboxId, userId });
}

export async function buildContact(db: Db, { accountId, ...overrides }: { accountId: number } & Partial<Omit<NewContact, "accountId">>) {
  const [contact] = await db
    .insert(contacts)
    .values({ name: "Ada", ...overrides, accountId })
    .returning();
  return contact!;
}

export async function buildContactInbox(db: Db, { accountId, contactId, inboxId }: { accountId: number; contactId: number; inboxId: number }) {
  const [ci] = await db.insert(contactInboxes).values({ accountId, contactId, inboxId, sourceId: randomUUID(), pubsubToken: secureToken() }).returning();
  return ci!;
}

export async function buildLabel(db: Db, { accountId, title }: { accountId: number; title: string }) {
  const [label] = await db.insert(labels).values({ accountId, title }).returning();
  return label!;
}

/** A raw conversation row (no events, no rules): for tests that set up state directly. */
export async function buildConversationRow(db: Db, values: Pick<NewConversation, "accountId" | "inboxId" | "contactId"> & Partial<NewConversation>) {
  const [c] = await db.insert(conversations).values(values).returning();
  return c!;
}

/** An account with an admin, an agent who is a member of the inbox, and a contact with its contact_inbox. */
export async function buildWorld(db: Db, inboxOverrides: Partial<Omit<NewInbox, "accountId">> & { schedule?: ScheduleRow[] } = {}) {
  const account = await buildAccount(db);
  const admin = await buildUser(db, { accountId: account.id, role: "administrator", name: "Ada Admin" });
  const agent = await buildUser(db, { accountId: account.id, role: "agent", name: "Alan Agent" });
  const inbox = await buildInbox(db, { accountId: account.id, ...inboxOverrides });
  await addMember(db, { accountId: account.id, inboxId: inbox.id, userId: agent.id });
  const contact = await buildContact(db, { accountId: account.id, name: "Grace Visitor" });
  const contactInbox = await buildContactInbox(db, { accountId: account.id, contactId: contact.id, inboxId: inbox.id });
  return { account, admin, agent, inbox, contact, contactInbox };
}

/** The outbox rows of an account, oldest first (the lookup cache's `internal.*` rows left out, E8). */
export async function eventsOf(db: Db, accountId: number) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.accountId, accountId), notLike(events.type, "internal.%")))
    .orderBy(asc(events.id));
}

/** A conversation's messages, oldest first. */
export async function messagesOf(db: Db, conversationId: number) {
  return db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.id));
}

export async function reloadConversation(db: Db, id: number) {
  const [c] = await db.select().from(conversations).where(eq(conversations.id, id));
  return c!;
}

/** Awaits a promise expected to fail; returns the error for assertions. */
export async function failure(p: Promise<unknown>): Promise<{ code?: string; fields?: Record<string, string[]>; retryAfterSeconds?: number; message?: string }> {
  return p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as { code?: string },
  );
}
