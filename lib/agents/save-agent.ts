import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, conversations, inboxMembers, users } from "@/db/schema";
import { backlogAfterCommit } from "@/lib/assignment/after-commit";
import { SYSTEM } from "@/lib/conversations/actor";
import { applyAssignment } from "@/lib/conversations/apply-assignment";
import { hashPassword } from "@/lib/auth/password";
import { generatePassword, secureToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { removeInboxMember } from "@/lib/inboxes/remove-inbox-member";
import { uniqueViolation } from "@/lib/pg-errors";
import type { AgentCreate, AgentUpdate } from "./agent-input";
import { settleLookupCache } from "@/lib/realtime/process-hub";

/**
 * Adds a person to the account. An existing user with that e-mail is linked (their password is kept);
 * otherwise a user is created with the given password or a generated one, returned so the
 * administrator can pass it on. Already a member → 422 on email. One transaction.
 */
export async function createAgent(db: Db, { accountId, input }: { accountId: number; input: AgentCreate }): Promise<{ userId: number; initialPassword: string | null }> {
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, input.email));
      let userId = existing?.id;
      if (userId === undefined) {
        const [created] = await tx.insert(users).values({ name: input.name, email: input.email, passwordHash, accessToken: secureToken(), pubsubToken: secureToken() }).returning({ id: users.id });
        userId = created!.id;
      }
      await tx.insert(accountUsers).values({ accountId, userId, role: input.role, availability: input.availability ?? "online", autoOffline: input.auto_offline ?? true });
      return { userId, initialPassword: existing ? null : password };
    });
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === "account_users_account_user_key") throw AppError.validation({ email: ["has already been taken"] });
    if (constraint === "users_email_lower_key") throw AppError.validation({ email: ["has already been taken"] });
    throw err;
  }
}

/** Name, role, availability, auto-offline of a member of the account. */
export async function updateAgent(db: Db, { accountId, userId, input }: { accountId: number; userId: number; input: AgentUpdate }): Promise<void> {
  await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: accountUsers.id })
      .from(accountUsers)
      .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
      .for("update");
    if (!member) throw AppError.notFound();
    const membership: Partial<typeof accountUsers.$inferInsert> = {};
    if (input.role !== undefined) membership.role = input.role;
    if (input.availability !== undefined) membership.availability = input.availability;
    if (input.auto_offline !== undefined) membership.autoOffline = input.auto_offline;
    if (Object.keys(membership).length)
      await tx
        .update(accountUsers)
        .set({ ...membership, updatedAt: new Date() })
        .where(eq(accountUsers.id, member.id));
    if (input.name !== undefined) await tx.update(users).set({ name: input.name, updatedAt: new Date() }).where(eq(users.id, userId));
  });
  await settleLookupCache(); // E8: a changed role holds on this instance from the answer on
}

/**
 * Removes a person from the account (the user row stays; they may belong elsewhere). They leave each
 * inbox through A5's removeInboxMember first, so their open conversations return to assignment; then
 * the membership goes. An administrator cannot remove themselves (the account would lose its keys).
 */
export async function removeAgent(db: Db, { accountId, userId, actorId }: { accountId: number; userId: number; actorId: number }): Promise<void> {
  if (userId === actorId) throw AppError.validation({ base: ["You cannot remove yourself"] });
  const [member] = await db
    .select({ id: accountUsers.id })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)));
  if (!member) throw AppError.notFound();
  const memberOf = await db
    .select({ inboxId: inboxMembers.inboxId })
    .from(inboxMembers)
    .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.userId, userId)));
  for (const { inboxId } of memberOf) await removeInboxMember(db, { accountId, inboxId, userId });
  // Open conversations still assigned to them (in an inbox they had already left) go back too, in the
  // transaction that ends the membership.
  const now = new Date();
  const inboxIds = await db.transaction(async (tx) => {
    const open = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.accountId, accountId), eq(conversations.assigneeId, userId), eq(conversations.status, "open")))
      .orderBy(asc(conversations.id))
      .for("update");
    for (const conversation of open) await applyAssignment(tx, conversation, { assigneeId: null, actor: SYSTEM, now });
    await tx.delete(accountUsers).where(eq(accountUsers.id, member.id));
    return [...new Set(open.map((c) => c.inboxId))];
  });
  await settleLookupCache(); // E8: the removed membership stops working here before the answer
  if (inboxIds.length > 0) await backlogAfterCommit(db, { inboxIds, now });
}
