import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accountUsers, inboxes, inboxMembers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordId } from "@/lib/validation";
import { addInboxMember } from "./add-inbox-member";
import { removeInboxMember } from "./remove-inbox-member";

/** POST/PATCH/DELETE /inbox_members body (chatwoot-api.md §B5). */
export const inboxMembersSchema = z.object({
  inbox_id: recordId,
  user_ids: z.array(recordId, "must be a list of user ids").max(1000),
});
export type InboxMembersInput = z.output<typeof inboxMembersSchema>;

type Change = { accountId: number; inboxId: number; userIds: number[] };

/**
 * Every change goes through A5's addInboxMember/removeInboxMember, so a new member joins the
 * round-robin queue and a removed one's open conversations return to assignment. Input is checked in
 * full before the first change (unknown inbox 404, a user who is not in the account 422), so a refused
 * request changes nothing; each member change is its own transaction, as A5's functions define them.
 */
export async function addInboxMembers(db: Db, c: Change): Promise<void> {
  await assertChange(db, c);
  for (const userId of unique(c.userIds)) await addInboxMember(db, { accountId: c.accountId, inboxId: c.inboxId, userId });
}

/** PATCH: the member set becomes exactly `userIds`. */
export async function replaceInboxMembers(db: Db, c: Change): Promise<void> {
  await assertChange(db, c);
  const wanted = new Set(c.userIds);
  const current = await db.select({ userId: inboxMembers.userId }).from(inboxMembers).where(eq(inboxMembers.inboxId, c.inboxId));
  for (const { userId } of current) if (!wanted.has(userId)) await removeInboxMember(db, { accountId: c.accountId, inboxId: c.inboxId, userId });
  for (const userId of wanted) await addInboxMember(db, { accountId: c.accountId, inboxId: c.inboxId, userId });
}

export async function removeInboxMembers(db: Db, c: Change): Promise<void> {
  await assertChange(db, c);
  for (const userId of unique(c.userIds)) await removeInboxMember(db, { accountId: c.accountId, inboxId: c.inboxId, userId });
}

async function assertChange(db: Db, { accountId, inboxId, userIds }: Change) {
  const [inbox] = await db
    .select({ id: inboxes.id })
    .from(inboxes)
    .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)));
  if (!inbox) throw AppError.notFound();
  const ids = unique(userIds);
  if (ids.length === 0) return;
  const found = await db
    .select({ userId: accountUsers.userId })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), inArray(accountUsers.userId, ids)));
  if (found.length !== ids.length) throw AppError.validation({ user_ids: ["must be agents of this account"] });
}

const unique = (ids: number[]) => [...new Set(ids)];
