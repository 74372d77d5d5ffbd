import type { Db } from "@/db/client";
import type { Contact, ContactInbox, Message, WebWidget } from "@/db/schema";
import type { PreparedAttachment } from "@/lib/attachments/prepare-attachments";
import { assertAttachmentsEnabled } from "@/lib/attachments/attachments-enabled";
import { getConversationByContactInboxOrThrow } from "@/lib/conversations/contact-conversations";
import { env } from "@/lib/env";
import { clientAttachmentUrl } from "@/lib/presenters/attachment-push";
import { loadPublicMessage, presentPublicMessage, type PublicMessage } from "@/lib/presenters/public-message";
import { isPlainText, postClientMessageFast } from "./contact-message-fast-path";
import { createMessage, postMessage, type CreateMessageResult } from "./create-message";
import { messageInputSchema } from "./message-input";

/** The caller as the Client API path names it; `contact` and `contactInbox` may come from the instance's lookup cache (E8). */
export type ClientApiCaller = { widget: WebWidget; contact: Contact; contactInbox: ContactInbox };

/**
 * A visitor's message through the Client API (M1–M6 are the engine's). B7: a plain text message is
 * one round trip — `parley_post_client_message` finds the conversation by the path (W3's reach) and
 * writes it — and the answer is built from what the write returned. When the write finds the caller's
 * contact or contact_inbox different from what the look-up gave (a cached entry out of date), nothing
 * is written and the caller is read again (`reload`) for a second try; a conversation that needs the
 * engine's other rules (C4, M3, AM1–AM3) goes through createMessage's transaction; so do uploads and
 * input M1 refuses (after the conversation look-up, so an unknown conversation stays a 404).
 */
export async function postClientApiMessage(
  db: Db,
  caller: ClientApiCaller,
  reload: () => Promise<ClientApiCaller>,
  args: { displayId: number; content: string | null | undefined; echoId: string | null | undefined; files: PreparedAttachment[] },
): Promise<PublicMessage> {
  let who = caller;
  const parsed = args.files.length ? null : messageInputSchema.safeParse({ content: args.content, echo_id: args.echoId });
  if (parsed?.success && isPlainText(parsed.data)) {
    const input = parsed.data;
    for (let attempt = 0; attempt < 2; attempt++) {
      const r = await postClientMessageFast(db, {
        contactInboxId: who.contactInbox.id,
        displayId: args.displayId,
        contact: who.contact,
        content: input.content ?? null,
        echoId: input.echo_id ?? null,
        now: new Date(),
        floodLimit: env().CONVERSATION_MESSAGE_PER_MINUTE_LIMIT,
      });
      if (r.outcome === "stale") {
        who = await reload();
        continue;
      }
      if (r.outcome === "created") return answer(db, who, r.conversation, r.message, { push: r.push, attachments: [] });
      if (r.outcome === "replay") return loadPublicMessage(db, r.message);
      // "slow": the conversation is known; its transaction applies the rest of the engine's rules.
      const slow = await postMessage(db, {
        conversationId: r.conversation.id,
        accountId: who.contactInbox.accountId,
        sender: { type: "contact", id: who.contact.id },
        input,
      });
      return answer(db, who, r.conversation, slow.message, slow.inserted);
    }
    // Changed twice under this request: the general path below reads everything itself.
  }
  const conversation = await getConversationByContactInboxOrThrow(db, { contactInbox: who.contactInbox, displayId: args.displayId });
  assertAttachmentsEnabled(who.widget, args.files);
  const { message, inserted } = await createMessage(db, {
    conversationId: conversation.id,
    accountId: conversation.accountId,
    sender: { type: "contact", id: who.contact.id },
    input: { content: args.content, echo_id: args.echoId },
    files: args.files,
  });
  return answer(db, who, conversation, message, inserted);
}

/**
 * B2: a message just created is answered from what its write built for `message.created` (the same
 * sender and attachment rows); the attachment URLs name this path's contact_inbox, so that shortcut
 * holds only for a conversation of this contact_inbox. A replay (M6) is re-read.
 */
function answer(
  db: Db,
  who: ClientApiCaller,
  conversation: { displayId: number; contactInboxId: number | null },
  message: Message,
  inserted: CreateMessageResult["inserted"],
): PublicMessage | Promise<PublicMessage> {
  if (inserted && conversation.contactInboxId === who.contactInbox.id) {
    return presentPublicMessage(message, {
      displayId: conversation.displayId,
      sender: inserted.push.sender,
      attachments: inserted.attachments,
      attachmentUrl: clientAttachmentUrl(who.widget.websiteToken, who.contactInbox.sourceId),
    });
  }
  return loadPublicMessage(db, message);
}
