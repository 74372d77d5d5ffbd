import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { inboxes, type Conversation } from "@/db/schema";
import type { PreparedAttachment } from "@/lib/attachments/prepare-attachments";
import { AppError } from "@/lib/errors";
import { wellFormed } from "@/lib/validation";
import { postMessage, type CreateMessageResult } from "./create-message";
import { messageInputSchema } from "./message-input";

/**
 * The Application API's message body: Chatwoot also takes `content_attributes` as a JSON string
 * (form posts), and `message_type` as a name; "activity" is the server's own and is refused (422).
 */
export const appMessageInputSchema = z.preprocess((v) => {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  let body = v as Record<string, unknown>;
  // Multipart fields are strings: `private=true` as the composer and Chatwoot's clients send it.
  if (body.private === "true" || body.private === "false") body = { ...body, private: body.private === "true" };
  if (typeof body.content_attributes !== "string") return body;
  try {
    return { ...body, content_attributes: wellFormed(JSON.parse(body.content_attributes)) };
  } catch {
    return body; // left as a string: the schema names content_attributes in its 422
  }
}, messageInputSchema);
export type AppMessageInput = z.output<typeof appMessageInputSchema>;

/**
 * POST …/messages for a user: outgoing (default) and template messages are sent by the caller;
 * `incoming` is allowed only in API inboxes, as Chatwoot, and is then sent by the conversation's
 * contact (so it reopens, sets waiting_since … like any contact message). `input` is validated once,
 * at the edge (the route's body schema `appMessageInputSchema`, which sees uploads as attachments).
 */
export async function createAppMessage(
  db: Db,
  { conversation, userId, input, files = [], floodLimit }: { conversation: Conversation; userId: number; input: AppMessageInput; files?: PreparedAttachment[]; floodLimit?: number },
): Promise<CreateMessageResult> {
  // Attachment rows point at stored files; over JSON a caller could name any storage key, so files
  // arrive only as uploads (multipart/form-data, `attachments[]`), whose metadata is the input's.
  if (files.length === 0 && input.attachments.length > 0) {
    throw AppError.validation({ attachments: ["must be uploaded as files (multipart/form-data, attachments[])"] });
  }
  const data = input;
  if (data.message_type === "incoming") {
    const [inbox] = await db.select({ channelType: inboxes.channelType }).from(inboxes).where(eq(inboxes.id, conversation.inboxId));
    if (inbox?.channelType !== "api") throw AppError.validation({ message_type: ["incoming messages are only allowed in Api inboxes"] });
  }
  const sender = data.message_type === "incoming" ? { type: "contact" as const, id: conversation.contactId } : { type: "user" as const, id: userId };
  return postMessage(db, { conversationId: conversation.id, accountId: conversation.accountId, sender, input: data, files, floodLimit });
}
