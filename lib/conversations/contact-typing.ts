import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, type Conversation } from "@/db/schema";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { loadConversationPush } from "@/lib/presenters/conversation-push";
import { appendEvent } from "@/lib/realtime/append-event";

/**
 * A contact's typing indicator (Client API toggle_typing, widget): `conversation.typing_on|off` with
 * Chatwoot's payload `{conversation, user: ContactPush, is_private: false}` and no row change. The
 * contact's own streams skip it at delivery (lib/realtime/audience.ts reads `user`).
 */
export async function toggleContactTyping(
  db: Db,
  { conversation, contactId, status }: { conversation: Pick<Conversation, "id" | "accountId" | "inboxId" | "contactInboxId">; contactId: number; status: "on" | "off" },
): Promise<void> {
  const [contact] = await db.select().from(contacts).where(eq(contacts.id, contactId));
  if (!contact) return;
  await appendEvent(db, {
    accountId: conversation.accountId,
    type: status === "on" ? "conversation.typing_on" : "conversation.typing_off",
    inboxId: conversation.inboxId,
    conversationId: conversation.id,
    contactInboxId: conversation.contactInboxId,
    payload: { conversation: await loadConversationPush(db, conversation.id), user: presentContactPush(contact), is_private: false },
  });
}
