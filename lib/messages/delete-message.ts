import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, messages, type Message } from "@/db/schema";
import { lockConversationById } from "@/lib/conversations/lock-conversation";
import { AppError } from "@/lib/errors";
import { loadMessagePush } from "@/lib/presenters/message-push";
import { appendMessageUpdated } from "@/lib/messages/append-message-updated";
import { blobStore } from "@/lib/storage";

export const DELETED_CONTENT = "This message was deleted";

/**
 * M7: a soft delete. The row stays (threads and counts keep their shape), its content is replaced,
 * `content_attributes.deleted` is set, attachment rows and their files go, and `message.updated` is emitted.
 */
export async function deleteMessage(db: Db, { conversationId, messageId, accountId }: { conversationId: number; messageId: number; accountId?: number }): Promise<Message> {
  return db.transaction(async (tx) => {
    const conversation = await lockConversationById(tx, { conversationId, accountId });
    const [current] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversation.id)));
    if (!current) throw AppError.notFound();
    if (current.contentAttributes.deleted === true) return current;
    const removed = await tx.delete(attachments).where(eq(attachments.messageId, current.id)).returning({ storageKey: attachments.storageKey });
    await blobStore().remove(
      tx,
      removed.map((a) => a.storageKey),
    );
    const [deleted] = await tx
      .update(messages)
      .set({ content: DELETED_CONTENT, processedMessageContent: null, contentAttributes: { ...current.contentAttributes, deleted: true } })
      .where(eq(messages.id, current.id))
      .returning();
    const push = await loadMessagePush(tx, deleted!);
    await appendMessageUpdated(tx, conversation, push, { content: [current.content, DELETED_CONTENT] }, { private: deleted!.private || deleted!.messageType === "activity" });
    return deleted!;
  });
}
