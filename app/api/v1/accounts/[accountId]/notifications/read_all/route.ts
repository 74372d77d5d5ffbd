// POST /api/v1/accounts/{account_id}/notifications/read_all – mark all the caller's notifications read (or those of one conversation: primary_actor_id)
import { z } from "zod";
import { conversations } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import { headOk } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { readAllNotifications } from "@/lib/notifications/notifications";
import { recordId } from "@/lib/validation";

const body = z.object({ primary_actor_type: z.literal("Conversation", "must be Conversation").optional(), primary_actor_id: recordId.optional() });

export const POST = withAccount(
  async ({ db, account, user, body }) => {
    let conversationId: number | undefined;
    if (body.primary_actor_id !== undefined) {
      const [c] = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.accountId, account.id), eq(conversations.displayId, body.primary_actor_id)));
      if (!c) return headOk(); // nothing of the caller's can be about a conversation that does not exist
      conversationId = c.id;
    }
    await readAllNotifications(db, { accountId: account.id, userId: user.id, conversationId });
    return headOk();
  },
  { body },
);
