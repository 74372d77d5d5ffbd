import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accountUsers, users, type Conversation } from "@/db/schema";
import { loadConversationPush } from "@/lib/presenters/conversation-push";
import { presentUserPush } from "@/lib/presenters/user-push";
import { appendEvent } from "@/lib/realtime/append-event";

/** App API toggle_typing_status: `typing_status` on|off; `is_private` marks note typing (agents only). */
export const typingInputSchema = z.object({
  typing_status: z.enum(["on", "off"]),
  is_private: z.boolean().default(false),
});
export type TypingInput = z.input<typeof typingInputSchema>;

/**
 * An agent's typing indicator: a `conversation.typing_on|off` event and no row change (Chatwoot).
 * Payload `{conversation, user, is_private}`; private typing goes to agents only (E3/M5), and the
 * typer's own stream is skipped at delivery (lib/realtime/audience.ts reads `user`).
 */
export async function toggleAgentTyping(
  db: Db,
  { conversation, userId, input }: { conversation: Pick<Conversation, "id" | "accountId" | "inboxId" | "contactInboxId">; userId: number; input: z.output<typeof typingInputSchema> },
): Promise<void> {
  const [u] = await db
    .select({ id: users.id, name: users.name, displayName: users.displayName, availability: accountUsers.availability })
    .from(users)
    .leftJoin(accountUsers, and(eq(accountUsers.userId, users.id), eq(accountUsers.accountId, conversation.accountId)))
    .where(eq(users.id, userId));
  if (!u) return;
  await appendEvent(db, {
    accountId: conversation.accountId,
    type: input.typing_status === "on" ? "conversation.typing_on" : "conversation.typing_off",
    inboxId: conversation.inboxId,
    conversationId: conversation.id,
    contactInboxId: conversation.contactInboxId,
    private: input.is_private,
    payload: { conversation: await loadConversationPush(db, conversation.id), user: presentUserPush(u, u.availability), is_private: input.is_private },
  });
}
