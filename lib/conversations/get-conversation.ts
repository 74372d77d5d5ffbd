import { and, eq, exists } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, inboxMembers, type Conversation, type Role } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * A conversation by its per-account number, as the caller may see it: administrators see the whole
 * account, agents only conversations of inboxes they belong to. Ownership is part of the query, so a
 * forgotten check cannot leak; anything else is a 404 (not a 403, which would confirm it exists).
 */
export async function getConversationOrThrow(db: Db, { accountId, displayId, user }: { accountId: number; displayId: number; user: { id: number; role: Role } }): Promise<Conversation> {
  const membership =
    user.role === "administrator"
      ? undefined
      : exists(
          db
            .select({ one: inboxMembers.id })
            .from(inboxMembers)
            .where(and(eq(inboxMembers.inboxId, conversations.inboxId), eq(inboxMembers.userId, user.id))),
        );
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.displayId, displayId), membership));
  if (!row) throw AppError.notFound();
  return row;
}
